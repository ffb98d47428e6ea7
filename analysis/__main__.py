from .cli import main

if __name__ == "__main__":  # a guard: worker processes (spawn) import this module again
    raise SystemExit(main())
