// Command abstracts turns paper-abstract dumps copied from the Hugging Face
// Papers site into validated datasets: it validates dumps and exports them
// as JSONL, Parquet and Arrow IPC files. Run "abstracts -h" for usage; the
// command-line contract is in docs/commands.md.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
