module github.com/abstracts-dev/abstracts

go 1.26.8

require (
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	golang.org/x/text v0.44.0
)
