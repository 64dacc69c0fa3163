         TITLE 'DASD - STANDALONE 3330 WRITE AND READ ROUND TRIP'
***********************************************************************
*                                                                     *
*  DASD     WRITES TWO RECORDS (COUNT, KEY AND DATA) ON CYLINDER 1    *
*           HEAD 2 OF THE 3330 AT 190 AFTER RECORD 0, READS THEM      *
*           BACK WITH SEARCH ID EQUAL AND READ DATA, COMPARES THEM    *
*           WITH WHAT WAS WRITTEN AND PRINTS THEM ON THE 1403 AT 00E. *
*                                                                     *
*  ENTRY    FROM THE IPL PSW: BC MODE, DISABLED, KEY 0, AT DASD.      *
*                                                                     *
*  EXIT     DISABLED WAIT. THE WAIT CODE (LOW 12 BITS OF THE WAIT     *
*           PSW ADDRESS) IS 000 FOR SUCCESS, 0E1 UNIT CHECK, 0E2      *
*           CHANNEL ERROR, 0E3 DEVICE NOT OPERATIONAL, 0E4 DATA NOT   *
*           AS WRITTEN, FFF PROGRAM CHECK.                            *
*                                                                     *
*  REGISTERS  R1 DEVICE ADDRESS AND R2 CCW ADDRESS FOR DOIO,          *
*           R12 BASE, R14 RETURN FROM DOIO.                           *
*                                                                     *
***********************************************************************
         SPACE 1
* LOW STORAGE (PRINCIPLES OF OPERATION, ASSIGNED STORAGE LOCATIONS)
CSWUNIT  EQU   X'44'               CSW UNIT STATUS
CSWCHAN  EQU   X'45'               CSW CHANNEL STATUS
CAW      EQU   X'48'               CHANNEL ADDRESS WORD
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
* DEVICES
DISK     EQU   X'190'              3330 DISK
PRINTER  EQU   X'00E'              1403 PRINTER
* CCW COMMAND CODES AND FLAGS
SEEK     EQU   X'07'               SEEK CYLINDER AND HEAD
SRCHIDEQ EQU   X'31'               SEARCH ID EQUAL
TIC      EQU   X'08'               TRANSFER IN CHANNEL
WRITECKD EQU   X'1D'               WRITE COUNT, KEY AND DATA
READDATA EQU   X'06'               READ DATA
WRITE1   EQU   X'09'               PRINTER: WRITE, SPACE 1 LINE AFTER
CC       EQU   X'40'               COMMAND CHAINING
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
* WHERE THE RECORDS GO
CYL      EQU   1                   CYLINDER
HEAD     EQU   2                   HEAD
         SPACE 1
DASD     START X'400'
         BALR  12,0                ESTABLISH
         USING *,12                  ADDRESSABILITY
         MVC   PGMNPSW(8),PGMNEW   A PROGRAM CHECK ENDS IN WAIT FFF
         LA    1,DISK              WRITE RECORDS 1 AND 2
         LA    2,WRCCW
         BAL   14,DOIO
         LA    1,DISK              READ THEM BACK
         LA    2,RDCCW
         BAL   14,DOIO
         CLC   BUF1,REC1D          RECORD 1 AS WRITTEN?
         BNE   BADDATA
         CLC   BUF2,REC2D          RECORD 2 AS WRITTEN?
         BNE   BADDATA
         LA    1,PRINTER           PRINT BOTH AND THE VERDICT
         LA    2,PRTCCW
         BAL   14,DOIO
         LPSW  DONE                ALL DONE: WAIT CODE 000
BADDATA  LPSW  ERRDATA             NOT WHAT WAS WRITTEN: WAIT 0E4
         EJECT
***********************************************************************
*  CHANNEL PROGRAMS                                                   *
***********************************************************************
* WRITE: SEEK, FIND RECORD 0, WRITE RECORDS 1 AND 2 AFTER IT
WRCCW    CCW   SEEK,SEEKARG,CC+SLI,6
SRCH0    CCW   SRCHIDEQ,ID0,CC+SLI,5
         CCW   TIC,SRCH0,0,1       NOT YET, SEARCH AGAIN
         CCW   WRITECKD,REC1,CC+SLI,L'REC1D+8
         CCW   WRITECKD,REC2,SLI,L'REC2D+8
* READ: SEEK, FIND RECORD 1, READ ITS DATA AND THE NEXT RECORD'S
RDCCW    CCW   SEEK,SEEKARG,CC+SLI,6
SRCH1    CCW   SRCHIDEQ,ID1,CC+SLI,5
         CCW   TIC,SRCH1,0,1       NOT YET, SEARCH AGAIN
         CCW   READDATA,BUF1,CC+SLI,L'BUF1
         CCW   READDATA,BUF2,SLI,L'BUF2
* PRINT: BOTH RECORDS AND THE MESSAGE
PRTCCW   CCW   WRITE1,BUF1,CC+SLI,L'BUF1
         CCW   WRITE1,BUF2,CC+SLI,L'BUF2
         CCW   WRITE1,OKMSG,SLI,L'OKMSG
         EJECT
***********************************************************************
*  DATA                                                               *
***********************************************************************
SEEKARG  DC    AL2(0,CYL,HEAD)     BB CC HH
ID0      DC    AL2(CYL,HEAD),AL1(0)     CC HH R OF RECORD 0
ID1      DC    AL2(CYL,HEAD),AL1(1)     CC HH R OF RECORD 1
* RECORDS TO WRITE: COUNT (CC HH R KL DL), NO KEY, 80 BYTES OF DATA
REC1     DC    AL2(CYL,HEAD),AL1(1,0),AL2(L'REC1D)
REC1D    DC    CL80'RECORD 1 WRITTEN ON CYLINDER 1 HEAD 2 WITH WRITE CO*
               UNT, KEY AND DATA'
REC2     DC    AL2(CYL,HEAD),AL1(2,0),AL2(L'REC2D)
REC2D    DC    CL80'RECORD 2 READ BACK WITH SEARCH ID EQUAL, TIC AND RE*
               AD DATA'
OKMSG    DC    C'DASD WRITE AND READ ROUND TRIP: OK'
BUF1     DS    CL80                RECORD 1 READ BACK
BUF2     DS    CL80                RECORD 2 READ BACK
         EJECT
         COPY  DOIO                SHARED I/O ROUTINE (DECKS/COMMON)
ERRDATA  DC    X'00020000',A(X'0E4')    DATA NOT AS WRITTEN
UNITST   DC    X'00'               UNIT STATUS OF THE LAST I/O
CHANST   DC    X'00'               CHANNEL STATUS OF THE LAST I/O
         END   DASD
