module example.com/shared

go 1.22

require git.internal.example/platform/logging v0.3.1
