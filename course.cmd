@echo off
rem The course command on Windows: builds it on first use, makes sure the course library that notebooks
rem load is built, then runs it. Usage: course run 01, course check --all, course list
setlocal
set "ROOT=%~dp0"
set "OUT=%ROOT%.course\bin"
where dotnet >nul 2>nul || (echo course: the .NET 10 SDK is required, and dotnet is not on PATH 1>&2 & exit /b 2)
rem 'publish -o', never 'build -o': build's -o would also redirect the course library out of lib\Course.Lib\bin.
if not exist "%OUT%\course.dll" (
  echo course: building the course command... 1>&2
  dotnet publish "%ROOT%lib\Course.Cli\Course.Cli.csproj" -c Release -o "%OUT%" -nologo -v quiet -clp:ErrorsOnly 1>&2 || (echo course: the build failed 1>&2 & exit /b 2)
)
if not exist "%ROOT%lib\Course.Lib\bin\Course.Lib.dll" (
  echo course: building the course library... 1>&2
  dotnet build "%ROOT%lib\Course.Lib\Course.Lib.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly 1>&2 || (echo course: the course library's build failed 1>&2 & exit /b 2)
)
if not defined COURSE_ROOT set "COURSE_ROOT=%ROOT:~0,-1%"
dotnet "%OUT%\course.dll" %*
