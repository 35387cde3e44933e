from matterkit.cli.app import main

main()
