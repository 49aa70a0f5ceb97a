from django.urls import path

from flourish.budgets.views import budgets

app_name = "budgets"
urlpatterns = [
    path("", budgets.index, name="index"),
    path("<int:pk>/", budgets.home, name="home"),
    path("<int:pk>/plan/", budgets.plan, name="plan"),
    path("council/<slug:slug>/", budgets.council, name="council"),
    path("council/<slug:slug>/new/", budgets.budget_new, name="budget_new"),
]
