"""Background jobs of the research layer. Only the hand-over: the work is in services."""

from django_tasks import task

from samspill.research import services


@task()
def run_analysis(run_id: str) -> None:
    services.analysis_run_execute(run_id=run_id)
