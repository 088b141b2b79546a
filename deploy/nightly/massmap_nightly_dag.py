"""Airflow DAG: the massmap survey job every night, through deploy/submit.sh.

Each night `massmap sample` maps every tile of the input locations; tiles whose content fingerprint
(galaxies, model checksum, result-changing settings) is unchanged are skipped, so the run redoes only
what new or changed catalogs touched. The task's exit status is the job's: 0 ok, 3 partial (some
tiles failed, the others are published; OUT/manifest.json says which), 1 failed. Airflow retries a
failed or partial run; a retry recomputes only the tiles that are not up to date.

Deployment: MASSMAP_HOME holds a checkout with spark-jobs/target/massmap-app.jar built
(mvn -B -Papp -pl spark-jobs -am -DskipTests package) and SPARK_HOME a Spark 3.5 installation on the
Airflow worker. Adapt the Variables below; not executed in this repository's tests.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator

MASSMAP_HOME = Variable.get("massmap_home", default_var="/opt/massmap")
SPARK_HOME = Variable.get("massmap_spark_home", default_var="/opt/spark")
MASTER = Variable.get("massmap_master", default_var="spark://spark-head:7077")
CATALOGS = Variable.get("massmap_catalogs", default_var="hdfs:///surveys/cosmos/", deserialize_json=False).split()
OUT = Variable.get("massmap_out", default_var="hdfs:///maps/cosmos")

catalog_args = " ".join(f"--catalog {c}" for c in CATALOGS)

with DAG(
    dag_id="massmap_nightly",
    description="Posterior mass maps of every survey tile whose inputs changed",
    schedule="30 1 * * *",
    start_date=datetime(2024, 1, 1),
    catchup=False,  # one run maps the current inputs; missed nights need no replay
    max_active_runs=1,  # two runs must not publish into the same output at once
    default_args={
        "owner": "massmap",
        "retries": 2,
        "retry_delay": timedelta(minutes=20),
        "execution_timeout": timedelta(hours=10),
    },
    tags=["massmap", "spark"],
) as dag:
    BashOperator(
        task_id="sample",
        bash_command=(
            f"cd {MASSMAP_HOME} && deploy/submit.sh --master {MASTER}"
            " --properties-file deploy/standalone/spark-defaults.conf --total-executor-cores 64"
            " --name massmap-nightly-{{ ds }}"
            f" -- sample {catalog_args} --out {OUT}"
        ),
        env={"SPARK_HOME": SPARK_HOME},
        append_env=True,
    )
