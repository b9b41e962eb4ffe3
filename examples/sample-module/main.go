// A dependency-free module the CI workflow builds after the action ran.
package main

import "fmt"

func main() {
	fmt.Println("hello from the sample module")
}
