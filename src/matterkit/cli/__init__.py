"""The command line: thin typer commands that parse options, call the library and render the result."""
