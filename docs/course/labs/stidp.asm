***********************************************************************
*  STIDP    STORES THE CPU ID AND STOPS. STIDP IS PRIVILEGED, SO UNDER *
*           CP IT IS SIMULATED: A VIRTUAL MACHINE'S CPU ID HAS VERSION *
*           CODE X'FF' (VM/370 SYSTEM LOGIC: DMKPRV), SO THE STORED    *
*           DOUBLEWORD TELLS THE PROGRAM WHERE IT RUNS.                *
***********************************************************************
STIDPT   START X'400'
         BALR  12,0                BASE REGISTER
         USING *,12
         STIDP CPUID               STORE CPU ID (PRIVILEGED)
         LPSW  WAITPSW             STOP: DISABLED WAIT, CODE X'BAD'
         DS    0D
WAITPSW  DC    X'0002000000000BAD' BC MODE, DISABLED, WAIT
CPUID    DC    D'0'                THE CPU ID GOES HERE (X'418')
         END   STIDPT
