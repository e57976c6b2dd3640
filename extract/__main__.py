"""`python -m pressfacts`: the command-line interface (the one place extract/ reaches into cli/)."""

from pressfacts.cli import main

main()
