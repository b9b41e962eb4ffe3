// The API service of the demo workspace: it uses the company's private auth module, a public
// module and the workspace's own shared library.
package main

import (
	"fmt"

	"example.com/shared"
	"git.internal.example/platform/auth"
	"golang.org/x/text"
)

func main() {
	fmt.Println(shared.Describe(), auth.Version, text.Version)
}
