from django.urls import path

from wijkbasis.reporting import views

app_name = "reporting"

urlpatterns = [
    path("cijfers/", views.figures, name="figures"),
    path("cijfers/cijfers.csv", views.figures_csv, name="figures_csv"),
    path("cijfers/cijfers.xlsx", views.figures_xlsx, name="figures_xlsx"),
]
