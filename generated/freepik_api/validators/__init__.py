"""Request validators, one module per model and shape."""
