// Package shared is the demo workspace's own library.
package shared

import "git.internal.example/platform/logging"

// Describe says which logging module the workspace was built with.
func Describe() string {
	return "shared (logging " + logging.Version + ")"
}
