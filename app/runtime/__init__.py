"""The process: logging and the garbage collector's tuning."""
