"""Start new articles and translations from ready-to-fill skeletons (command line only)."""
