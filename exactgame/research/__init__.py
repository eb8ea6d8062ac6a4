"""Research workflows (issue 22): game families, conjecture checks with shrinking, sweeps, executors.

This package sits beside the command line: it may import the modules, the CLI may import it.
"""
