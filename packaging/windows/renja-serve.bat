@echo off
rem Membuka halaman renja di peramban. Tutup jendela ini untuk menghentikan renja.
"%~dp0renja.exe" serve --open
if errorlevel 1 pause
