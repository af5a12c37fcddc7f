from .cli import cli

if __name__ == "__main__":  # worker processes started by "spawn" (Dask) import this module
    cli(prog_name="python -m pipeline")
