<#
.SYNOPSIS
  Installs the JITL Desktop MSI silently with CONTENT_SOURCES and AUTOSTART, checks what it
  wrote, repairs it, uninstalls it and checks that nothing it wrote is left.

.DESCRIPTION
  Run as administrator on a Windows machine where JITL Desktop is not installed (a CI
  runner). Exits 1 when a check fails. See README.md beside this file.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\smoke-test.ps1 -Msi dist\jitl-desktop-0.1.0-x64.msi
#>
param(
    [Parameter(Mandatory = $true)][string]$Msi,
    [string]$AppExe = 'jitl-desktop.exe'
)
$ErrorActionPreference = 'Stop'

$msiPath = (Resolve-Path $Msi).Path
$policyKey = 'HKLM:\SOFTWARE\Policies\JITL\JITL Desktop'
$runKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Run'
$rememberKey = 'HKLM:\SOFTWARE\JITL\JITL Desktop\Installer'
$installDir = Join-Path $env:ProgramFiles 'JITL Desktop'
$exe = Join-Path $installDir $AppExe
$shortcut = Join-Path $env:ProgramData 'Microsoft\Windows\Start Menu\Programs\JITL Desktop.lnk'
$sources = '\\fileserver\training\jitl;C:\ProgramData\JITL\Content'
$script:failures = 0

function Invoke-Msiexec([string[]]$Arguments, [string]$Log) {
    $all = $Arguments + @('/qn', '/norestart', '/l*v', "`"$Log`"")
    $p = Start-Process -FilePath msiexec.exe -ArgumentList $all -Wait -PassThru
    if ($p.ExitCode -ne 0 -and $p.ExitCode -ne 3010) {
        throw "msiexec $($all -join ' ') exited with $($p.ExitCode); see $Log"
    }
}

function Get-Value([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -Path $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    return $item.$Name
}

function Get-Kind([string]$Key, [string]$Name) {
    if (-not (Test-Path $Key)) { return $null }
    try { return (Get-Item -Path $Key).GetValueKind($Name).ToString() } catch { return $null }
}

function Test-That([string]$What, [bool]$Ok) {
    if ($Ok) { Write-Host "ok: $What" }
    else { Write-Host "FAILED: $What"; $script:failures++ }
}

function Test-Installed([string]$When) {
    Test-That "${When}: $exe exists" (Test-Path $exe)
    Test-That "${When}: Start menu shortcut" (Test-Path $shortcut)
    Test-That "${When}: policy content_sources" ((Get-Value $policyKey 'content_sources') -eq $sources)
    Test-That "${When}: content_sources is REG_SZ" ((Get-Kind $policyKey 'content_sources') -eq 'String')
    Test-That "${When}: Run value" ((Get-Value $runKey 'JITL Desktop') -eq "`"$exe`"")
    Test-That "${When}: remembered CONTENT_SOURCES" ((Get-Value $rememberKey 'CONTENT_SOURCES') -eq $sources)
    Test-That "${When}: remembered AUTOSTART" ((Get-Value $rememberKey 'AUTOSTART') -eq '1')
}

# 1. silent install with both properties
Invoke-Msiexec @('/i', "`"$msiPath`"", "CONTENT_SOURCES=`"$sources`"", 'AUTOSTART=1') `
    (Join-Path $env:TEMP 'jitl-desktop-install.log')
Test-Installed 'install'

# 2. the program reads the policy value (a console build prints JSON; a windowed one
#    prints nothing, and the check is skipped)
$out = Join-Path $env:TEMP 'jitl-desktop-policy.json'
$p = Start-Process -FilePath $exe -ArgumentList @('policy', '--json') -Wait -PassThru `
    -NoNewWindow -RedirectStandardOutput $out
$json = Get-Content -Raw -Path $out -ErrorAction SilentlyContinue
if ($json) {
    $effective = ($json | ConvertFrom-Json).settings.content_sources
    Test-That 'program: content_sources locked' ($effective.locked -eq $true)
    Test-That 'program: content_sources value' (($effective.value -join ';') -eq $sources)
} else {
    Write-Host "skipped: $AppExe printed nothing (windowed build), exit code $($p.ExitCode)"
}

# 3. a repair that names no property keeps both (they are remembered)
Invoke-Msiexec @('/famus', "`"$msiPath`"") (Join-Path $env:TEMP 'jitl-desktop-repair.log')
Test-Installed 'repair'

# 4. silent uninstall removes everything the package wrote
Invoke-Msiexec @('/x', "`"$msiPath`"") (Join-Path $env:TEMP 'jitl-desktop-uninstall.log')
Test-That 'uninstall: program folder removed' (-not (Test-Path $installDir))
Test-That 'uninstall: shortcut removed' (-not (Test-Path $shortcut))
Test-That 'uninstall: policy value removed' ($null -eq (Get-Value $policyKey 'content_sources'))
Test-That 'uninstall: Run value removed' ($null -eq (Get-Value $runKey 'JITL Desktop'))
Test-That 'uninstall: remembered values removed' ($null -eq (Get-Value $rememberKey 'CONTENT_SOURCES'))

if ($script:failures -gt 0) { Write-Host "$($script:failures) check(s) failed"; exit 1 }
Write-Host 'all checks passed'
