         TITLE 'COPY - STANDALONE CARD READER TO PUNCH COPY'
***********************************************************************
*                                                                     *
*  COPY     READS THE CARDS BEHIND THE IPL DECK FROM THE 2540 READER  *
*           AT 00C UNTIL UNIT EXCEPTION (THE END OF THE DECK),        *
*           PUNCHES EACH ONE ON THE 2540 PUNCH AT 00D AND PRINTS ON   *
*           THE 1403 AT 00E HOW MANY IT COPIED.                       *
*                                                                     *
*  ENTRY    FROM THE IPL PSW: BC MODE, DISABLED, KEY 0, AT COPY.      *
*                                                                     *
*  EXIT     DISABLED WAIT. THE WAIT CODE (LOW 12 BITS OF THE WAIT     *
*           PSW ADDRESS) IS 000 FOR SUCCESS, 0E1 UNIT CHECK, 0E2      *
*           CHANNEL ERROR, 0E3 DEVICE NOT OPERATIONAL, FFF PROGRAM    *
*           CHECK.                                                    *
*                                                                     *
*  REGISTERS  R1 DEVICE ADDRESS AND R2 CCW ADDRESS FOR DOIO,          *
*           R7 CARDS COPIED, R12 BASE, R14 RETURN FROM DOIO.          *
*                                                                     *
***********************************************************************
         SPACE 1
* LOW STORAGE (PRINCIPLES OF OPERATION, ASSIGNED STORAGE LOCATIONS)
CSWUNIT  EQU   X'44'               CSW UNIT STATUS
CSWCHAN  EQU   X'45'               CSW CHANNEL STATUS
CAW      EQU   X'48'               CHANNEL ADDRESS WORD
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
* DEVICES
READER   EQU   X'00C'              2540 READER
PUNCH    EQU   X'00D'              2540 PUNCH
PRINTER  EQU   X'00E'              1403 PRINTER
* CCW COMMAND CODES AND FLAGS
READ     EQU   X'02'               READ A CARD
PUNCHCD  EQU   X'01'               PUNCH A CARD
WRITE1   EQU   X'09'               WRITE, SPACE 1 LINE AFTER
SLI      EQU   X'20'               SUPPRESS LENGTH INDICATION
         SPACE 1
COPY     START X'400'
         BALR  12,0                ESTABLISH
         USING *,12                  ADDRESSABILITY
         MVC   PGMNPSW(8),PGMNEW   A PROGRAM CHECK ENDS IN WAIT FFF
         SR    7,7                 NO CARDS COPIED YET
LOOP     LA    1,READER            READ A CARD
         LA    2,RDCCW
         BAL   14,DOIO
         TM    UNITST,X'01'        UNIT EXCEPTION?
         BO    EOF                 YES, THE END OF THE DECK
         LA    1,PUNCH             PUNCH IT
         LA    2,PCHCCW
         BAL   14,DOIO
         LA    7,1(,7)             COUNT IT
         B     LOOP                AND GO FOR THE NEXT ONE
         SPACE 1
EOF      CVD   7,DW                THE COUNT IN DECIMAL
         UNPK  MSGN,DW+5(3)        ZONED, FOUR DIGITS
         OI    MSGN+L'MSGN-1,X'F0' THE LAST ONE PRINTABLE
         LA    1,PRINTER           PRINT THE MESSAGE
         LA    2,MSGCCW
         BAL   14,DOIO
         LPSW  DONE                ALL DONE: WAIT CODE 000
         EJECT
***********************************************************************
*  CHANNEL PROGRAMS AND DATA                                          *
***********************************************************************
RDCCW    CCW   READ,CARD,SLI,L'CARD
PCHCCW   CCW   PUNCHCD,CARD,SLI,L'CARD
MSGCCW   CCW   WRITE1,MSG,SLI,MSGLEN
MSG      DC    C'COPIED '
MSGN     DC    C'0000'
         DC    C' CARDS FROM THE READER TO THE PUNCH'
MSGLEN   EQU   *-MSG
CARD     DS    CL80                THE CARD BEING COPIED
         COPY  DOIO                SHARED I/O ROUTINE (DECKS/COMMON)
UNITST   DC    X'00'               UNIT STATUS OF THE LAST I/O
CHANST   DC    X'00'               CHANNEL STATUS OF THE LAST I/O
DW       DS    D                   CONVERSION WORK AREA
         END   COPY
