"""wijkbasis: a platform for the sociale basis of Dutch neighbourhoods."""
