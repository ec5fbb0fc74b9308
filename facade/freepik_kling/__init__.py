"""Freepik Kling image-to-video client (facade over the generated freepik_api)."""
