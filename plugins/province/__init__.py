"""Many sites in one repository: a province's ``sites/<mã>/`` folders (not a Pelican plugin)."""
