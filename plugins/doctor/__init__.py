"""The content doctor (``make check``): one pure function per rule, messages in Vietnamese."""
