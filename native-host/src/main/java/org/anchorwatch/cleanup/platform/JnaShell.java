package org.anchorwatch.cleanup.platform;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.IntByReference;

/**
 * {@link WindowsRunas.Shell} on shell32/kernel32 through jna-platform (SHELLEXECUTEINFO,
 * ShellExecuteEx, WaitForSingleObject, GetExitCodeProcess). NEVER RUN on Windows here; only
 * instantiated on Windows, so Linux never loads shell32.
 */
public final class JnaShell implements WindowsRunas.Shell {
  static final int SEE_MASK_NOCLOSEPROCESS = 0x00000040;
  static final int SEE_MASK_NOASYNC = 0x00000100;
  private static final int SW_HIDE = 0;

  @Override
  public int executeAndWait(WindowsRunas.Invocation inv) throws WindowsRunas.ShellException {
    ShellAPI.SHELLEXECUTEINFO info = new ShellAPI.SHELLEXECUTEINFO();
    info.cbSize = info.size(); // SHELLEXECUTEINFOW { DWORD cbSize; ... }: must be set by the caller
    info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC;
    info.lpVerb = inv.verb();
    info.lpFile = inv.file();
    info.lpParameters = inv.parameters();
    info.nShow = SW_HIDE;
    if (!Shell32.INSTANCE.ShellExecuteEx(info)) throw new WindowsRunas.ShellException(Native.getLastError());
    if (info.hProcess == null) throw new WindowsRunas.ShellException(0); // no process handle: nothing to wait for
    try {
      Kernel32.INSTANCE.WaitForSingleObject(info.hProcess, WinBase.INFINITE);
      IntByReference code = new IntByReference();
      if (!Kernel32.INSTANCE.GetExitCodeProcess(info.hProcess, code)) throw new WindowsRunas.ShellException(Native.getLastError());
      return code.getValue();
    } finally {
      Kernel32.INSTANCE.CloseHandle(info.hProcess);
    }
  }
}
