"""Resolution: mentions merged into canonical entities, by the rules and by the user's alias file."""
