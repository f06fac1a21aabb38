; Inno Setup 6 script: installs the IOPdesk bundle (dist\iopdesk, built by PyInstaller from
; packaging\iopdesk.spec) for every user of the PC, with a Start-menu shortcut.
; Built by .github/workflows/windows-bundle.yml:  ISCC /DAppVersion=X.Y.Z packaging\windows\iopdesk.iss
; NOT TESTED HERE: IOPdesk's own machines run Linux; this script has not been run on Windows yet.
;
; Clinic data: IOPdesk keeps the clinic database, its backups and logs in each user's data folder
; (%LOCALAPPDATA%\IOPdesk\IOPdesk, from appdirs), never in the install folder. This installer
; writes only to {app} and the Start menu, and the uninstaller removes only what it installed,
; so upgrades and uninstalls leave every clinic's records where they are. On the first start
; after an upgrade IOPdesk backs the clinic file up and then migrates it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define BundleDir "..\..\dist\iopdesk"

[Setup]
; The AppId ties every version together: a newer setup upgrades the same installation.
AppId={{67977BFF-C56A-47EF-9440-D77A42A6B501}
AppName=IOPdesk
AppVersion={#AppVersion}
AppVerName=IOPdesk {#AppVersion}
AppPublisher=IOPdesk
AppComments=Offline records for addiction-recovery Intensive Outpatient Programs
; Per machine: one copy in Program Files for everyone who signs in to the PC.
PrivilegesRequired=admin
DefaultDirName={autopf}\IOPdesk
DefaultGroupName=IOPdesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An open IOPdesk is closed (it saves and backs up on close) before its files are replaced.
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\iopdesk-gui.exe
UninstallDisplayName=IOPdesk
OutputDir=..\..\dist
OutputBaseFilename=IOPdesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[InstallDelete]
; An upgrade starts from a clean program folder, so no library of the older version lingers.
; Only the program's own folder: clinic data never lives under {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\IOPdesk"; Filename: "{app}\iopdesk-gui.exe"; \
  Comment: "Records for the Intensive Outpatient Program"

[Run]
; Started as the person who ran the setup (not the administrator account that installed it), so
; the clinic opens in that person's own data folder.
Filename: "{app}\iopdesk-gui.exe"; Description: "Open IOPdesk now"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

[Messages]
UninstalledAll=%1 was removed from this computer.%n%nThe clinic's records were kept: they stay in each user's own data folder (AppData\Local\IOPdesk), with their backups.
