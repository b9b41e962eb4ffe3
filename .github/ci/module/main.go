// The module the CI workflow's action jobs pre-warm and build: one small public dependency, so
// the module cache has something to download, save and restore.
package main

import (
	"fmt"

	"github.com/google/uuid"
)

func main() {
	fmt.Println("built with", uuid.NewString() != "")
}
