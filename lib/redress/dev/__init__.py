"""Dev tooling: the local broker, the platform launcher, the CLI, the demo, replay. Services never import it."""
