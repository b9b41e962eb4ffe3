module git.internal.example/platform/api

go 1.22

require (
	git.internal.example/platform/auth v1.4.2
	golang.org/x/text v0.14.0
	example.com/shared v0.0.0
)

replace example.com/shared => ../../libs/shared
