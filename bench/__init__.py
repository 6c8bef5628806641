"""Scale data and the load benchmark (issue 11): `manage.py build_scale_data`, `make bench`."""
