"""Local web views: the review page (``app``) and Datasette over the database (``browse``)."""
