         TITLE 'OVERLAP - COMPUTING OVERLAPPED WITH PRINTING'
***********************************************************************
*                                                                     *
*  OVERLAP  COMPUTES EIGHT SUMS (1 + 2 + ... + 100*J FOR JOB J) WITH  *
*           I/O INTERRUPTIONS ENABLED. EACH RESULT IS QUEUED AS A     *
*           PRINT LINE; THE I/O INTERRUPTION HANDLER STARTS THE NEXT  *
*           LINE ON THE 1403 AT 00E AS SOON AS THE PRINTER PRESENTS   *
*           DEVICE END, SO PRINTING OVERLAPS COMPUTING. THE MAIN      *
*           PROGRAM THEN WAITS, ENABLED, UNTIL ALL LINES ARE OUT AND  *
*           PRINTS A LAST ONE.                                        *
*                                                                     *
*  ENTRY    FROM THE IPL PSW: BC MODE, DISABLED, KEY 0, AT OVERLAP.   *
*                                                                     *
*  EXIT     DISABLED WAIT. THE WAIT CODE (LOW 12 BITS OF THE WAIT     *
*           PSW ADDRESS) IS 000 FOR SUCCESS, 0E1 UNIT CHECK, 0E2      *
*           CHANNEL ERROR, 0E3 DEVICE NOT OPERATIONAL, 0E5 START I/O  *
*           REFUSED, FFF PROGRAM CHECK.                               *
*                                                                     *
*  REGISTERS  R3 N, THEN THE ADDEND, R4 THE SUM, R5 THE JOB'S LINE,   *
*           R7 THE JOB NUMBER, R8 N, R12 BASE, R14 RETURN.            *
*           THE HANDLER SAVES AND RESTORES ALL OF THEM.               *
*                                                                     *
***********************************************************************
         SPACE 1
* LOW STORAGE (PRINCIPLES OF OPERATION, ASSIGNED STORAGE LOCATIONS)
IOOPSW   EQU   X'38'               I/O OLD PSW
CSWUNIT  EQU   X'44'               CSW UNIT STATUS
CSWCHAN  EQU   X'45'               CSW CHANNEL STATUS
CAW      EQU   X'48'               CHANNEL ADDRESS WORD
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
IONPSW   EQU   X'78'               I/O NEW PSW
WAITBIT  EQU   X'02'               BC PSW BYTE 1: WAIT STATE
* DEVICES
PRINTER  EQU   X'00E'              1403 PRINTER
* CCW COMMAND CODES AND FLAGS
WRITE1   EQU   X'09'               WRITE, SPACE 1 LINE AFTER
CC       EQU   X'40'               COMMAND CHAINING
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
* THE WORK
NJOBS    EQU   8                   NUMBER OF SUMS
         SPACE 1
OVERLAP  START X'400'
         BALR  12,0                ESTABLISH
         USING *,12                  ADDRESSABILITY
         MVC   PGMNPSW(8),PGMNEW   A PROGRAM CHECK ENDS IN WAIT FFF
         MVC   IONPSW(8),IONEW     I/O INTERRUPTIONS GO TO IOINT
         SSM   ENABLE              AND ARE WELCOME FROM NOW ON
         LA    7,1                 JOB 1 FIRST
         SPACE 1
* ONE JOB: THE SUM OF 1 TO N, N = 100 * JOB, AND ITS PRINT LINE
JOB      LR    3,7
         MH    3,=H'100'           N = 100 * JOB
         LR    8,3                 KEEP N FOR THE LINE
         SR    4,4                 SUM = 0
SUMLP    AR    4,3                 SUM = N + (N-1) + ... + 1
         BCT   3,SUMLP
         LR    5,7                 THE JOB'S LINE IS
         BCTR  5,0                   LINES + 80 * (JOB - 1)
         MH    5,=H'80'
         LA    5,LINES(5)
         USING PRTLINE,5
         MVC   LINE,TEMPLATE       THE LINE, FROM THE TEMPLATE
         CVD   7,DW                THE JOB NUMBER
         UNPK  LJOB,DW+6(2)
         OI    LJOB+L'LJOB-1,X'F0'
         CVD   8,DW                N
         UNPK  LN,DW+5(3)
         OI    LN+L'LN-1,X'F0'
         CVD   4,DW                THE SUM
         UNPK  LSUM,DW+3(5)
         OI    LSUM+L'LSUM-1,X'F0'
         DROP  5
         SPACE 1
* QUEUE THE LINE; START THE PRINTER IF IT IS IDLE. THE QUEUE IS SHARED
* WITH THE INTERRUPTION HANDLER, SO INTERRUPTIONS ARE OFF MEANWHILE.
         SSM   DISABLE
         LH    6,NQUEUED           ONE MORE LINE QUEUED
         LA    6,1(,6)
         STH   6,NQUEUED
         CLI   BUSY,0              PRINTER IDLE?
         BNE   QDONE               NO, THE HANDLER WILL START IT
         BAL   14,STARTPR          YES, START IT NOW
QDONE    SSM   ENABLE
         LA    7,1(,7)             NEXT JOB
         CH    7,=Y(NJOBS+1)
         BL    JOB
         SPACE 1
* WAIT, ENABLED, UNTIL THE HANDLER HAS PRINTED EVERY LINE
DRAIN    SSM   DISABLE
         CLC   NPRINTED,=Y(NJOBS)  ALL OUT?
         BE    FINISH              YES
         LPSW  WAITPSW             NO, WAIT FOR AN INTERRUPTION
FINISH   LA    1,PRINTER           PRINT THE LAST LINE
         LA    2,ENDCCW
         BAL   14,DOIO
         LPSW  DONE                ALL DONE: WAIT CODE 000
         EJECT
***********************************************************************
*                                                                     *
*  IOINT    THE I/O INTERRUPTION HANDLER. ON THE PRINTER'S DEVICE     *
*           END: ONE MORE LINE PRINTED; START THE NEXT ONE IF THERE   *
*           IS ONE. RETURNS TO THE INTERRUPTED PROGRAM, OUT OF THE    *
*           WAIT STATE (TO DRAIN) IF IT WAS WAITING.                  *
*                                                                     *
***********************************************************************
IOINT    STM   0,15,SAVE
         CLC   IOOPSW+2(2),=Y(PRINTER)  FROM THE PRINTER?
         BNE   IORET               NO, IGNORE IT
         TM    CSWUNIT,X'02'       UNIT CHECK?
         BO    DOUC
         TM    CSWCHAN,X'FF'       ANY CHANNEL STATUS?
         BNZ   DOCHAN
         TM    CSWUNIT,X'04'       DEVICE END?
         BZ    IORET               NOT YET
         MVI   BUSY,0              THE PRINTER IS IDLE
         LH    6,NPRINTED          ONE MORE LINE PRINTED
         LA    6,1(,6)
         STH   6,NPRINTED
         CLC   NPRINTED,NQUEUED    ANY MORE QUEUED?
         BNL   IORET               NO
         BAL   14,STARTPR          YES, START THE NEXT ONE
IORET    LM    0,15,SAVE
         NI    IOOPSW+1,X'FF'-WAITBIT   RETURN OUT OF THE WAIT
         LPSW  IOOPSW
         SPACE 1
***********************************************************************
*  STARTPR  START I/O FOR LINE NPRINTED. INTERRUPTIONS ARE DISABLED.  *
*           RETURNS ON R14; START I/O REFUSED ENDS IN WAIT 0E5.       *
***********************************************************************
STARTPR  LH    3,NPRINTED          THE LINE IS
         MH    3,=H'80'              LINES + 80 * NPRINTED
         LA    3,LINES(3)
         STCM  3,B'0111',PRCCW+1   INTO THE CCW
         LA    2,PRCCW
         ST    2,CAW
         SIO   PRINTER
         BNZ   NOSIO               NOT STARTED
         MVI   BUSY,1              THE PRINTER IS BUSY
         BR    14
NOSIO    LPSW  ERRSIO
         EJECT
***********************************************************************
*  CHANNEL PROGRAMS, PSWS AND DATA                                    *
***********************************************************************
PRCCW    CCW   WRITE1,LINES,SLI,LSUM+L'LSUM-LINE  STARTPR SETS ADDRESS
ENDCCW   CCW   WRITE1,ENDMSG,SLI,L'ENDMSG
IONEW    DC    X'00000000',A(IOINT)     I/O NEW: DISABLED, AT IOINT
WAITPSW  DC    X'FE020000',A(DRAIN)     ENABLED WAIT, BACK TO DRAIN
ENDMSG   DC    C'8 SUMS COMPUTED WHILE THE PRINTER PRINTED EACH RESULT'
TEMPLATE DC    CL80'JOB 00: THE SUM OF 1 TO 0000 IS 00000000'
NQUEUED  DC    H'0'                LINES QUEUED
NPRINTED DC    H'0'                LINES PRINTED
ENABLE   DC    X'FE'               SYSTEM MASK: CHANNELS 0-6 ENABLED
DISABLE  DC    X'00'               SYSTEM MASK: ALL DISABLED
BUSY     DC    X'00'               1 WHILE A LINE IS PRINTING
         LTORG
         EJECT
         COPY  DOIO                SHARED I/O ROUTINE (DECKS/COMMON)
ERRSIO   DC    X'00020000',A(X'0E5')    START I/O REFUSED
UNITST   DC    X'00'               UNIT STATUS OF THE LAST I/O
CHANST   DC    X'00'               CHANNEL STATUS OF THE LAST I/O
DW       DS    D                   CONVERSION WORK AREA
SAVE     DS    16F                 THE HANDLER'S SAVE AREA
LINES    DS    (NJOBS)CL80         THE PRINT LINES
         SPACE 1
***********************************************************************
*  PRTLINE  ONE PRINT LINE, AS THE TEMPLATE LAYS IT OUT               *
***********************************************************************
PRTLINE  DSECT
LINE     DS    0CL80
         DS    CL4                 'JOB '
LJOB     DS    CL2                 JOB NUMBER
         DS    CL18                ': THE SUM OF 1 TO '
LN       DS    CL4                 N
         DS    CL4                 ' IS '
LSUM     DS    CL8                 THE SUM
         END   OVERLAP
