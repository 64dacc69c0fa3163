         TITLE 'HELLO - STANDALONE PRINTER TEST, IPLED FROM CARDS'
***********************************************************************
*                                                                     *
*  HELLO    PRINTS FOUR LINES ON THE 1403 AT 00E WITH WRITE AND       *
*           SPACE 1, WRITE AND SPACE 2 AND WRITE AND SKIP TO          *
*           CHANNEL 1, THEN ENDS IN A DISABLED WAIT.                  *
*                                                                     *
*  ENTRY    FROM THE IPL PSW: BC MODE, DISABLED, KEY 0, AT HELLO.     *
*                                                                     *
*  EXIT     DISABLED WAIT. THE WAIT CODE (LOW 12 BITS OF THE WAIT     *
*           PSW ADDRESS) IS 000 FOR SUCCESS, 0E1 UNIT CHECK, 0E2      *
*           CHANNEL ERROR, 0E3 DEVICE NOT OPERATIONAL, FFF PROGRAM    *
*           CHECK.                                                    *
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
PRINTER  EQU   X'00E'              1403 PRINTER
* CCW COMMAND CODES AND FLAGS
WRITE1   EQU   X'09'               WRITE, SPACE 1 LINE AFTER
WRITE2   EQU   X'11'               WRITE, SPACE 2 LINES AFTER
WRSKIP1  EQU   X'89'               WRITE, SKIP TO CHANNEL 1 AFTER
CC       EQU   X'40'               COMMAND CHAINING
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
         SPACE 1
HELLO    START X'400'
         BALR  12,0                ESTABLISH
         USING *,12                  ADDRESSABILITY
         MVC   PGMNPSW(8),PGMNEW   A PROGRAM CHECK ENDS IN WAIT FFF
         LA    1,PRINTER           PRINT THE FOUR LINES
         LA    2,PRTCCW
         BAL   14,DOIO
         LPSW  DONE                ALL DONE: WAIT CODE 000
         EJECT
***********************************************************************
*  CHANNEL PROGRAM AND DATA                                           *
***********************************************************************
PRTCCW   CCW   WRITE1,L1,CC+SLI,L'L1
         CCW   WRITE2,L2,CC+SLI,L'L2
         CCW   WRITE1,L3,CC+SLI,L'L3
         CCW   WRSKIP1,L4,SLI,L'L4
L1       DC    C'HELLO, WORLD'
L2       DC    C'THIS LINE WAS PRINTED BY A STANDALONE PROGRAM IPLED FR*
               OM CARDS'
L3       DC    C'LINE THREE FOLLOWS A BLANK LINE'
L4       DC    C'END OF PAGE'
         EJECT
         COPY  DOIO                SHARED I/O ROUTINE (DECKS/COMMON)
UNITST   DC    X'00'               UNIT STATUS OF THE LAST I/O
CHANST   DC    X'00'               CHANNEL STATUS OF THE LAST I/O
         END   HELLO
