         TITLE 'VMEQUIV - A DAT SUPERVISOR FOR THE EQUIVALENCE TEST'
***********************************************************************
*                                                                     *
*  VMEQUIV  A SMALL SUPERVISOR THAT RUNS THE SAME ON THE BARE         *
*           MACHINE AND UNDER CP (POPEK AND GOLDBERG: EQUIVALENCE).   *
*           IT SETS ITS OWN NEW PSWS (PROGRAM, SVC, EXTERNAL),        *
*           BUILDS A SEGMENT TABLE AND A PAGE TABLE, LOADS CR0 AND    *
*           CR1, TAKES A CLOCK-COMPARATOR INTERRUPTION, THEN RUNS A   *
*           USER PROGRAM IN THE PROBLEM STATE WITH DAT ON. THE USER   *
*           PROGRAM COMPUTES (BINARY, DECIMAL, HFP), TOUCHES AN       *
*           INVALID PAGE (THE SUPERVISOR VALIDATES IT AND PURGES THE  *
*           TLB), ISSUES SVC 5 (PRIVILEGED WORK IN THE SUPERVISOR),   *
*           TRIES A PRIVILEGED INSTRUCTION AND ENDS WITH SVC 9. THE   *
*           SUPERVISOR THEN ENDS IN A DISABLED WAIT, CODE X'E0E0'.    *
*                                                                     *
*  REAL STORAGE                                                       *
*           X'1000'  THE SUPERVISOR                                   *
*           X'3000'  THE USER PROGRAM (VIRTUAL X'A000')               *
*           X'5000'  SEGMENT TABLE (16 ENTRIES, ONLY SEGMENT 0 VALID) *
*           X'5040'  PAGE TABLE OF SEGMENT 0 (4K PAGES)               *
*           X'6000'  THE RESULT AREA (VIRTUAL X'B000' FOR THE USER)   *
*           X'7000'  THE PAGE BEHIND VIRTUAL X'8000', INVALID AT      *
*                    FIRST                                            *
*           X'E00'   REGISTER SAVE AREAS OF THE HANDLERS              *
*                                                                     *
***********************************************************************
EXTOPSW  EQU   X'18'               EXTERNAL OLD PSW
SVCOPSW  EQU   X'20'               SVC OLD PSW
PGMOPSW  EQU   X'28'               PROGRAM OLD PSW
EXTNPSW  EQU   X'58'               EXTERNAL NEW PSW
SVCNPSW  EQU   X'60'               SVC NEW PSW
PGMNPSW  EQU   X'68'               PROGRAM NEW PSW
EXTINT   EQU   X'86'               EXTERNAL INTERRUPTION CODE
SVCINT   EQU   X'88'               SVC ILC AND CODE (WORD)
PGMINT   EQU   X'8C'               PROGRAM ILC AND CODE (WORD)
TRANSX   EQU   X'90'               TRANSLATION-EXCEPTION ADDRESS
PGMSAVE  EQU   X'E00'              PROGRAM HANDLER'S SAVE AREA
SVCSAVE  EQU   X'E40'              SVC HANDLER'S SAVE AREA
EXTSAVE  EQU   X'E80'              EXTERNAL HANDLER'S SAVE AREA
SUPBASE  EQU   X'EC0'              THE SUPERVISOR'S BASE REGISTER
SEGTAB   EQU   X'5000'
PAGETAB  EQU   X'5040'
RES      EQU   X'6000'
FRAME7   EQU   X'7000'
* OFFSETS IN THE RESULT AREA
RSUM     EQU   X'000'              USER: SUM OF SQUARES 1..10 (F)
RDEC     EQU   X'008'              USER: CVD + AP (PL8)
RHFP     EQU   X'010'              USER: (2.0*3.0)+1.0 (E)
RBACK    EQU   X'014'              USER: WORD READ BACK FROM X'8000'
RMOVED   EQU   X'018'              USER: 8 BYTES MOVED FROM X'8000'
RCR01    EQU   X'100'              CR0, CR1 AFTER LCTL
RLRA     EQU   X'108'              3 LRA RESULTS, 3 BALR WORDS
RMASKS   EQU   X'120'              STOSM, STNSM OLD MASKS (2 BYTES)
REXTCD   EQU   X'128'              EXTERNAL INTERRUPTION CODE (H)
REXTOLD  EQU   X'130'              EXTERNAL OLD PSW
RISK1    EQU   X'138'              ISK AFTER SSK
RNPGM    EQU   X'140'              PROGRAM INTERRUPTIONS
RNSVC    EQU   X'144'              SVC INTERRUPTIONS
RNEXT    EQU   X'148'              EXTERNAL INTERRUPTIONS
RPGMCD   EQU   X'150'              4 WORDS: ILC AND CODE
RPGMOLD  EQU   X'160'              4 OLD PSWS
RTRANS   EQU   X'180'              4 TRANSLATION-EXCEPTION ADDRESSES
RLRAFIX  EQU   X'190'              LRA AFTER THE FIX, BALR WORD
RSVCCD   EQU   X'1A0'              4 WORDS: ILC AND SVC NUMBER
RSVCOLD  EQU   X'1B0'              4 OLD PSWS
RSVC5    EQU   X'1D0'              SVC 5 RESULTS
RUREGS   EQU   X'200'              USER REGISTERS AT SVC 9
RCRS     EQU   X'240'              CR0-CR15 AT THE END
RISK2    EQU   X'280'              ISK OF X'7000' AND X'6000' AT END
         SPACE 1
VMEQUIV  START X'1000'
         BALR  12,0
         USING *,12
         ST    12,SUPBASE
         L     11,ARES             R11: THE RESULT AREA
* NEW PSWS: EC MODE, DAT OFF, KEY 0, SUPERVISOR, DISABLED
         MVC   EXTNPSW(8),EXTNEW
         MVC   SVCNPSW(8),SVCNEW
         MVC   PGMNPSW(8),PGMNEW
* THE SEGMENT TABLE: SEGMENT 0 VALID, 1-15 INVALID
         L     2,ASEGTAB
         MVC   0(4,2),STE0
         LA    3,15
         LA    4,4(,2)
SEGLOOP  MVC   0(4,4),STEINV
         LA    4,4(,4)
         BCT   3,SEGLOOP
* THE PAGE TABLE: ALL INVALID, THEN PAGE 10 -> X'3000' (USER CODE),
* PAGE 11 -> X'6000' (RESULTS), PAGE 8 -> X'7000' BUT INVALID
         L     2,APAGETAB
         LA    3,16
         LR    4,2
PAGELOOP MVC   0(2,4),PTEINV
         LA    4,2(,4)
         BCT   3,PAGELOOP
         MVC   20(2,2),PTE10
         MVC   22(2,2),PTE11
         MVC   16(2,2),PTE8
* STORAGE KEYS: KEY 3 FOR THE USER'S RESULT PAGE AND PAGE X'7000'
         LA    5,X'30'
         L     6,ARES
         SSK   5,6
         LA    6,2048(,6)
         SSK   5,6
         L     6,AFRAME7
         SSK   5,6
         ISK   7,6
         ST    7,RISK1(,11)
         LA    6,2048(,6)
         SSK   5,6
* CONTROL REGISTERS
         LCTL  0,1,CR0CR1
         STCTL 0,1,RCR01(11)
* LOAD REAL ADDRESS (DAT IS STILL OFF IN THE PSW)
         L     1,VUCODE
         LRA   2,16(,1)            VALID PAGE: CC 0
         BALR  5,0
         L     1,VPAGE8
         LRA   3,4(,1)             INVALID PAGE: CC 2
         BALR  6,0
         L     1,VSEG1
         LRA   4,0(,1)             INVALID SEGMENT: CC 1
         BALR  7,0
         STM   2,7,RLRA(11)
* EC MODE, SUPERVISOR; THE CLOCK COMPARATOR IS PENDING AT ONCE
         LPSW  ECSUP
ECGO     SCKC  ZEROD
         STOSM RMASKS(11),X'01'    EXTERNAL INTERRUPTION NOW
         STNSM RMASKS+1(11),X'FE'  DISABLE AGAIN
         SSM   ZERO
* INTO THE USER PROGRAM
         LPSW  USERPSW
         EJECT
***********************************************************************
*  PROGRAM INTERRUPTIONS                                              *
***********************************************************************
PGMHND   STM   0,15,PGMSAVE
         L     12,SUPBASE
         L     11,ARES
         L     2,RNPGM(,11)        N
         LA    3,1(,2)
         ST    3,RNPGM(,11)
         LR    3,2
         SLL   3,2                 4N
         AR    3,11
         MVC   RPGMCD(4,3),PGMINT
         MVC   RTRANS(4,3),TRANSX
         SR    3,11
         SLL   3,1                 8N
         AR    3,11
         MVC   RPGMOLD(8,3),PGMOPSW
         CLC   PGMINT+2(2),CODE11
         BE    PAGEFIX
         CLC   PGMINT+2(2),CODE02
         BE    PGMBACK
         LPSW  BADWAIT
* PAGE TRANSLATION: VALIDATE THE PAGE-TABLE ENTRY, PURGE THE TLB
PAGEFIX  L     2,APAGETAB
         NI    17(2),X'F7'         PAGE 8: INVALID BIT OFF
         PTLB
         L     1,VPAGE8
         LRA   4,0(,1)
         BALR  5,0
         STM   4,5,RLRAFIX(11)
PGMBACK  LM    0,15,PGMSAVE
         LPSW  PGMOPSW
***********************************************************************
*  SVC INTERRUPTIONS                                                  *
***********************************************************************
SVCHND   STM   0,15,SVCSAVE
         L     12,SUPBASE
         L     11,ARES
         L     2,RNSVC(,11)
         LA    3,1(,2)
         ST    3,RNSVC(,11)
         LR    3,2
         SLL   3,2
         AR    3,11
         MVC   RSVCCD(4,3),SVCINT
         SR    3,11
         SLL   3,1
         AR    3,11
         MVC   RSVCOLD(8,3),SVCOPSW
         CLC   SVCINT+2(2),CODE9
         BE    FINISH
         CLC   SVCINT+2(2),CODE5
         BE    SVC5
         LPSW  BADWAIT
* SVC 5: PRIVILEGED WORK IN THE SUPERVISOR STATE
SVC5     STOSM RSVC5(11),X'00'     THE MASK, UNCHANGED
         STNSM RSVC5+1(11),X'FF'
         SSM   ZERO
         STOSM RSVC5+2(11),X'00'
         L     6,AFRAME7
         ISK   7,6                 KEY 3 WITH REFERENCE AND CHANGE
         ST    7,RSVC5+4(,11)
         L     1,VUCODE
         LRA   2,X'100'(,1)
         BALR  3,0
         L     1,VRES
         LRA   4,X'20'(,1)
         BALR  5,0
         STM   2,5,RSVC5+8(11)
         STCTL 0,2,RSVC5+24(11)
* GIVE THE USER A RESULT IN R0: THE NUMBER OF SVCS SO FAR
         L     0,RNSVC(,11)
         ST    0,SVCSAVE
         LM    0,15,SVCSAVE
         LPSW  SVCOPSW
* SVC 9: THE END
FINISH   MVC   RUREGS(64,11),SVCSAVE
         STCTL 0,15,RCRS(11)
         L     6,AFRAME7
         ISK   7,6
         L     6,ARES
         ISK   8,6
         STM   7,8,RISK2(11)
         LPSW  ENDWAIT
***********************************************************************
*  EXTERNAL INTERRUPTIONS                                             *
***********************************************************************
EXTHND   STM   0,15,EXTSAVE
         L     12,SUPBASE
         L     11,ARES
         L     2,RNEXT(,11)
         LA    2,1(,2)
         ST    2,RNEXT(,11)
         MVC   REXTCD(2,11),EXTINT
         MVC   REXTOLD(8,11),EXTOPSW
         SCKC  ONESD               NO LONGER PENDING
         LM    0,15,EXTSAVE
         LPSW  EXTOPSW
         EJECT
* PSWS (DOUBLEWORDS)
         DS    0D
EXTNEW   DC    X'00080000',A(EXTHND)
SVCNEW   DC    X'00080000',A(SVCHND)
PGMNEW   DC    X'00080000',A(PGMHND)
ECSUP    DC    X'00080000',A(ECGO)
USERPSW  DC    X'04390000',A(X'A000') DAT, KEY 3, EC, PROBLEM STATE
ENDWAIT  DC    X'000A0000',A(X'E0E0') DISABLED WAIT
BADWAIT  DC    X'000A0000',A(X'0BAD')
ZEROD    DC    D'0'
ONESD    DC    X'FFFFFFFFFFFFFFFF'
CR0CR1   DC    X'00800800'         4K PAGES, 64K SEGMENTS, CLOCK COMP.
         DC    A(SEGTAB)           16 SEGMENT-TABLE ENTRIES
ARES     DC    A(RES)
ASEGTAB  DC    A(SEGTAB)
APAGETAB DC    A(PAGETAB)
AFRAME7  DC    A(FRAME7)
VUCODE   DC    A(X'A000')          VIRTUAL: THE USER PROGRAM
VRES     DC    A(X'B000')          VIRTUAL: THE RESULT AREA
VPAGE8   DC    A(X'8000')          VIRTUAL: INVALID AT FIRST
VSEG1    DC    A(X'10000')         VIRTUAL: SEGMENT 1, INVALID
STE0     DC    A(X'F0000000'+PAGETAB)
STEINV   DC    X'00000001'
PTEINV   DC    X'0008'
PTE8     DC    X'0078'             FRAME X'7000', INVALID
PTE10    DC    X'0030'             FRAME X'3000'
PTE11    DC    X'0060'             FRAME X'6000'
CODE02   DC    X'0002'
CODE11   DC    X'0011'
CODE5    DC    H'5'
CODE9    DC    H'9'
ZERO     DC    X'00'
         EJECT
***********************************************************************
*  THE USER PROGRAM: REAL X'3000', VIRTUAL X'A000', PROBLEM STATE,    *
*  KEY 3, DAT ON. IT STORES ONLY INTO VIRTUAL X'B000' AND X'8000'.    *
***********************************************************************
         ORG   VMEQUIV+X'2000'
UPROG    BALR  10,0
         USING *,10
         L     9,UVRES             R9: VIRTUAL X'B000'
         L     8,UVPAGE8           R8: VIRTUAL X'8000'
* SUM OF THE SQUARES OF 1 TO 10
         SR    3,3
         LA    4,1
ULOOP    LR    7,4
         MR    6,4                 R7 = R4 * R4
         AR    3,7
         LA    4,1(,4)
         C     4,UELEVEN
         BL    ULOOP
         ST    3,RSUM(,9)
* DECIMAL: CVD, THEN ADD 15
         CVD   3,RDEC(,9)
         AP    RDEC(8,9),UP15
* HFP: 2.0 * 3.0 + 1.0
         LE    0,UTWO
         ME    0,UTHREE
         AE    0,UONE
         STE   0,RHFP(,9)
* AN INVALID PAGE: PAGE TRANSLATION, THE SUPERVISOR FIXES IT
         ST    3,0(,8)
         MVC   4(4,8),UMARK
         L     5,0(,8)
         ST    5,RBACK(,9)
         MVC   RMOVED(8,9),0(8)
* SVC 5: R0 COMES BACK WITH THE NUMBER OF SVCS
         SVC   5
         LR    2,0
* A PRIVILEGED INSTRUCTION IN THE PROBLEM STATE
         SSK   4,8
         LA    1,99
* THE END
         SVC   9
UVRES    DC    A(X'B000')
UVPAGE8  DC    A(X'8000')
UELEVEN  DC    F'11'
UP15     DC    PL2'15'
UTWO     DC    X'41200000'
UTHREE   DC    X'41300000'
UONE     DC    X'41100000'
UMARK    DC    C'VM37'
         END   VMEQUIV
