// The VM/370 logo: "VM/370 ONLINE" and the installation's big letters (R6's DMKBOX screen), as a
// host shows it on an unformatted 3270 screen before LOGON. Hosts add their own last lines.

export const VM370_LOGO: readonly string[] = [
  'VM/370 ONLINE',
  '',
  '',
  ' VV      VV  MM       MM        //   33333    77777777    00000',
  ' VV      VV  MMM     MMM       //   33   33        77    00   00',
  '  VV    VV   MMMM   MMMM      //         33       77     00   00',
  '  VV    VV   MM MM MM MM     //       3333       77      00   00',
  '   VV  VV    MM  MMM  MM    //           33     77       00   00',
  '    VVVV     MM   M   MM   //       33   33    77        00   00',
  '     VV      MM       MM  //         33333    77          00000',
  '',
  '',
];
