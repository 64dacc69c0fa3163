         TITLE 'VMGUEST - A SMALL GUEST FOR THE VIRTUAL MACHINE TESTS'
***********************************************************************
*                                                                     *
*  VMGUEST  RUNS IN A VIRTUAL MACHINE UNDER CP, IPLED FROM THE        *
*           VIRTUAL READER. IT ISSUES DIAGNOSE X'60', X'00', X'08',   *
*           X'18' AND X'20', WRITES A LINE ON THE CONSOLE WITH SIO    *
*           AND WAITS ENABLED FOR THE I/O INTERRUPTION, GOES TO THE   *
*           PROBLEM STATE WHERE A PRIVILEGED INSTRUCTION AND AN SVC   *
*           BRING IT BACK, TRIES A SEEK OUTSIDE ITS MINIDISK AND A    *
*           WRITE ON A READ-ONLY LINK, WAITS FOR THE INTERVAL TIMER,  *
*           THEN ENDS IN A DISABLED WAIT WITH CODE 123. THE TEST      *
*           READS THE RESULTS FROM STORAGE.                           *
*                                                                     *
*  DEVICES  009 CONSOLE, 291 A 2-CYLINDER MINIDISK, 292 THE SAME      *
*           MINIDISK LINKED READ-ONLY.                                *
*                                                                     *
*  A CONDITION CODE IS KEPT WITH BALR R,0 (BC MODE: BITS 2-3).        *
*                                                                     *
***********************************************************************
CSW      EQU   X'40'               CHANNEL STATUS WORD
CAW      EQU   X'48'               CHANNEL ADDRESS WORD
SVCOPSW  EQU   X'20'               SVC OLD PSW
PGMOPSW  EQU   X'28'               PROGRAM OLD PSW
IOOPSW   EQU   X'38'               I/O OLD PSW
EXTOPSW  EQU   X'18'               EXTERNAL OLD PSW
TIMER    EQU   X'50'               INTERVAL TIMER
EXTNPSW  EQU   X'58'               EXTERNAL NEW PSW
SVCNPSW  EQU   X'60'               SVC NEW PSW
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
IONPSW   EQU   X'78'               I/O NEW PSW
CC       EQU   X'40'               COMMAND CHAINING
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
         SPACE 1
VMGUEST  START X'1000'
         BALR  12,0
         USING *,12
         MVC   SVCNPSW(8),SVCNEW
         MVC   PGMNPSW(8),PGMNEW
         MVC   IONPSW(8),IONEW
* DIAGNOSE X'60': THE STORAGE SIZE IN R2
         DIAG  2,0,X'60'
         ST    2,STORSIZE
* DIAGNOSE X'00': 32 BYTES OF EXTENDED IDENTIFICATION
         LA    4,IDENT
         LA    5,32
         DIAG  4,5,X'00'
* DIAGNOSE X'08': QUERY USERID, THE RESPONSE IN A BUFFER
         LA    2,QCMD
         LA    3,RESP
         L     4,QLEN
         LA    5,L'RESP
         DIAG  2,4,X'08'
         BALR  1,0
         ST    1,CPCC
         ST    4,CPRC
         ST    5,RESPLEN
* THE CONSOLE: SIO, THEN AN ENABLED WAIT FOR THE INTERRUPTION
         LA    1,CONWRITE
         ST    1,CAW
         SIO   X'009'
         BALR  1,0
         ST    1,SIOCC
         LPSW  WAITIO
IODONE   MVC   IOCSW(8),CSW
         MVC   IODEV(2),IOOPSW+2
* THE PROBLEM STATE
         LPSW  TOPROB
PROB     SSM   ZERO                PRIVILEGED: PROGRAM CHECK
PROB2    LA    3,7                 BACK IN THE PROBLEM STATE
         AR    3,3
         ST    3,PROBSUM
         SVC   77                  AND BACK TO THE SUPERVISOR
PGMCHK   MVC   PGMCODE(2),PGMOPSW+2
         MVC   PGMOLD(8),PGMOPSW
         LPSW  BACKPROB
SVCHIT   MVC   SVCCODE(2),SVCOPSW+2
         MVC   SVCOLD(8),SVCOPSW
* A SEEK OUTSIDE THE MINIDISK
         LA    1,SEEKOUT
         ST    1,CAW
         SIO   X'291'
         BALR  1,0
         ST    1,OUTCC
         MVC   OUTCSW(8),CSW
         LA    1,SENSECCW
         ST    1,CAW
         SIO   X'291'
POLL     TIO   X'291'
         BC    2,POLL              BUSY: STILL WORKING
* DIAGNOSE X'18': A CYLINDER OUTSIDE THE MINIDISK
         LA    6,X'291'
         LA    7,D18OUT
         LA    15,1
         DIAG  6,7,X'18'
         BALR  1,0
         ST    1,D18CC1
         ST    15,D18R151
* DIAGNOSE X'18': A WRITE ON THE READ-ONLY LINK
         LA    6,X'292'
         LA    7,D18WRITE
         LA    15,1
         DIAG  6,7,X'18'
         BALR  1,0
         ST    1,D18CC2
         ST    15,D18R152
* DIAGNOSE X'20': THE SAME WRITE AS GENERAL I/O
         LA    6,X'292'
         LA    7,D18WRITE
         DIAG  6,7,X'20'
         BALR  1,0
         ST    1,D20CC
         ST    15,D20R15
         ST    7,D20RY
* THE INTERVAL TIMER ENDS AN ENABLED WAIT WITH AN EXTERNAL INTERRUPTION
         MVC   EXTNPSW(8),EXTNEW
         MVC   TIMER(4),TICKS
         LPSW  WAITEXT
EXTHIT   MVC   EXTCODE(2),EXTOPSW+2
         MVC   TIMELEFT(4),TIMER
         LPSW  DONE
         EJECT
* PSWS (DOUBLEWORDS)
         DS    0D
SVCNEW   DC    X'00000000',A(SVCHIT)
PGMNEW   DC    X'00000000',A(PGMCHK)
IONEW    DC    X'00000000',A(IODONE)
WAITIO   DC    X'FE020000',A(0)    CHANNELS ENABLED, WAIT
EXTNEW   DC    X'00000000',A(EXTHIT)
WAITEXT  DC    X'01020000',A(0)    EXTERNAL ENABLED, WAIT
TOPROB   DC    X'00010000',A(PROB)
BACKPROB DC    X'00010000',A(PROB2)
DONE     DC    X'00020000',A(X'123')
* CHANNEL PROGRAMS
CONWRITE CCW   X'09',HELLO,SLI,L'HELLO
SEEKOUT  CCW   X'07',OUTARG,0,6
SENSECCW CCW   X'04',SENSED,SLI,24
D18OUT   CCW   X'07',OUTARG2,CC,6
         CCW   X'31',OUTARG2+2,CC,5
         CCW   X'08',*-8,0,0
         CCW   X'06',BUFFER,SLI,800
D18WRITE CCW   X'07',ZEROARG,CC,6
         CCW   X'31',ZEROARG+2,CC,5
         CCW   X'08',*-8,0,0
         CCW   X'05',BUFFER,SLI,800
* DATA
ZERO     DC    X'00'
HELLO    DC    C'HELLO FROM THE GUEST'
QCMD     DC    C'QUERY USERID'
QLEN     DC    A(X'40000000'+L'QCMD)
OUTARG   DC    X'000000020000'     CYLINDER 2 OF A 2-CYLINDER DISK
OUTARG2  DC    X'000000050000',X'01'
ZEROARG  DC    X'000000000000',X'00'
TICKS    DC    A(3*256)            THREE STEPS OF 1/300 SECOND
         DS    0D
* RESULTS
IDENT    DS    XL32                DOUBLEWORD ALIGNED (DIAGNOSE X'00')
STORSIZE DS    F
CPCC     DS    F
CPRC     DS    F
RESPLEN  DS    F
RESP     DC    XL40'00'
SIOCC    DS    F
IOCSW    DS    XL8
IODEV    DS    XL2
PGMCODE  DS    XL2
SVCCODE  DS    XL2
         DS    0D
PGMOLD   DS    XL8
SVCOLD   DS    XL8
PROBSUM  DS    F
OUTCC    DS    F
OUTCSW   DS    XL8
SENSED   DS    XL24
D18CC1   DS    F
D18R151  DS    F
D18CC2   DS    F
D18R152  DS    F
D20CC    DS    F
D20R15   DS    F
D20RY    DS    F
EXTCODE  DS    XL2
         DS    0F
TIMELEFT DS    F
BUFFER   DS    XL800
         END   VMGUEST
