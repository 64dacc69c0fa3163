         TITLE 'TAPE - STANDALONE 3420 WRITE, REWIND AND READ BACK'
***********************************************************************
*                                                                     *
*  TAPE     WRITES THREE 80-BYTE BLOCKS AND A TAPE MARK ON THE 3420   *
*           AT 180, REWINDS, READS THE BLOCKS BACK UNTIL THE TAPE     *
*           MARK (UNIT EXCEPTION), PRINTS EACH ONE ON THE 1403 AT     *
*           00E, CHECKS THAT THERE WERE THREE AND SAYS SO.            *
*                                                                     *
*  ENTRY    FROM THE IPL PSW: BC MODE, DISABLED, KEY 0, AT TAPE.      *
*                                                                     *
*  EXIT     DISABLED WAIT. THE WAIT CODE (LOW 12 BITS OF THE WAIT     *
*           PSW ADDRESS) IS 000 FOR SUCCESS, 0E1 UNIT CHECK, 0E2      *
*           CHANNEL ERROR, 0E3 DEVICE NOT OPERATIONAL, 0E4 DATA NOT   *
*           AS WRITTEN, FFF PROGRAM CHECK.                            *
*                                                                     *
*  REGISTERS  R1 DEVICE ADDRESS AND R2 CCW ADDRESS FOR DOIO,          *
*           R7 BLOCKS READ, R12 BASE, R14 RETURN FROM DOIO.           *
*                                                                     *
***********************************************************************
         SPACE 1
* LOW STORAGE (PRINCIPLES OF OPERATION, ASSIGNED STORAGE LOCATIONS)
CSWUNIT  EQU   X'44'               CSW UNIT STATUS
CSWCHAN  EQU   X'45'               CSW CHANNEL STATUS
CAW      EQU   X'48'               CHANNEL ADDRESS WORD
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
* DEVICES
TAPEDRV  EQU   X'180'              3420 TAPE DRIVE
PRINTER  EQU   X'00E'              1403 PRINTER
* CCW COMMAND CODES AND FLAGS
WRITE    EQU   X'01'               TAPE: WRITE A BLOCK
READ     EQU   X'02'               TAPE: READ A BLOCK
WTM      EQU   X'1F'               TAPE: WRITE TAPE MARK
REW      EQU   X'07'               TAPE: REWIND
WRITE1   EQU   X'09'               PRINTER: WRITE, SPACE 1 LINE AFTER
CC       EQU   X'40'               COMMAND CHAINING
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
         SPACE 1
TAPE     START X'400'
         BALR  12,0                ESTABLISH
         USING *,12                  ADDRESSABILITY
         MVC   PGMNPSW(8),PGMNEW   A PROGRAM CHECK ENDS IN WAIT FFF
         LA    1,TAPEDRV           WRITE THREE BLOCKS AND A TAPE MARK
         LA    2,WRCCW
         BAL   14,DOIO
         LA    1,TAPEDRV           REWIND
         LA    2,REWCCW
         BAL   14,DOIO
         SR    7,7                 NO BLOCKS READ YET
RDLOOP   LA    1,TAPEDRV           READ A BLOCK
         LA    2,RDCCW
         BAL   14,DOIO
         TM    UNITST,X'01'        UNIT EXCEPTION?
         BO    ATMARK              YES, THE TAPE MARK
         LA    1,PRINTER           PRINT THE BLOCK
         LA    2,PRCCW
         BAL   14,DOIO
         LA    7,1(,7)             COUNT IT
         B     RDLOOP              AND GO FOR THE NEXT ONE
         SPACE 1
ATMARK   CH    7,=H'3'             THREE BLOCKS BEFORE THE TAPE MARK?
         BNE   BADDATA             NO, NOT WHAT WAS WRITTEN
         LA    1,PRINTER           PRINT THE VERDICT
         LA    2,OKCCW
         BAL   14,DOIO
         LPSW  DONE                ALL DONE: WAIT CODE 000
BADDATA  LPSW  ERRDATA             NOT WHAT WAS WRITTEN: WAIT 0E4
         EJECT
***********************************************************************
*  CHANNEL PROGRAMS                                                   *
***********************************************************************
WRCCW    CCW   WRITE,BLK1,CC+SLI,L'BLK1
         CCW   WRITE,BLK2,CC+SLI,L'BLK2
         CCW   WRITE,BLK3,CC+SLI,L'BLK3
         CCW   WTM,0,SLI,1
REWCCW   CCW   REW,0,SLI,1
RDCCW    CCW   READ,BUF,SLI,L'BUF  LONGER THAN A BLOCK: SLI
PRCCW    CCW   WRITE1,BUF,SLI,L'BLK1
OKCCW    CCW   WRITE1,OKMSG,SLI,L'OKMSG
         EJECT
***********************************************************************
*  DATA                                                               *
***********************************************************************
BLK1     DC    CL80'BLOCK 1 OF 3 WRITTEN TO TAPE'
BLK2     DC    CL80'BLOCK 2 OF 3, REWOUND AND READ BACK'
BLK3     DC    CL80'BLOCK 3 OF 3, FOLLOWED BY A TAPE MARK'
OKMSG    DC    C'TAPE ROUND TRIP: OK, TAPE MARK REACHED'
         LTORG
BUF      DS    CL100               THE BLOCK READ
         EJECT
         COPY  DOIO                SHARED I/O ROUTINE (DECKS/COMMON)
ERRDATA  DC    X'00020000',A(X'0E4')    DATA NOT AS WRITTEN
UNITST   DC    X'00'               UNIT STATUS OF THE LAST I/O
CHANST   DC    X'00'               CHANNEL STATUS OF THE LAST I/O
         END   TAPE
