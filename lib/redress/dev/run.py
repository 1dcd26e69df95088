"""`make run`: the broker and every service, in the foreground, until Ctrl-C.

A service that exits is restarted on its port, after 1, 2, 4 ... 30 seconds.
"""
from __future__ import annotations

import os
import signal
import sys
import time

from redress.dev.broker import BrokerError
from redress.dev.platform import (RADAR, Platform, ServiceFailed, ServiceProcess, Supervisor, start_platform,
                                  start_radar, start_service)
from redress.dev.paths import PROJECT_ROOT, dev_credentials_file


class Stop(BaseException):
    """SIGINT or SIGTERM: stop everything."""


def _stop(signum, frame) -> None:
    raise Stop(signal.Signals(signum).name)


def say(line: str) -> None:
    print(line, flush=True)


def main() -> int:
    log_path = PROJECT_ROOT / ".redress" / "services.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # Handlers, not a blocked mask: a restarted service would inherit a blocked mask and
    # never see the SIGTERM that stops it.
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    say("starting Kafka and the Redress services ...")
    env = {"REDRESS_CREDENTIALS_FILE": os.environ.get("REDRESS_CREDENTIALS_FILE", str(dev_credentials_file()))}
    with open(log_path, "a") as service_log:
        try:
            platform = start_platform(env=env, log_to=service_log)
        except (BrokerError, ServiceFailed) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except (Stop, KeyboardInterrupt):
            return 130
        try:
            _banner(platform, log_path)
            _supervise(platform, env, service_log)
        except (Stop, KeyboardInterrupt):
            say("\nstopping ...")
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the stop short
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            platform.stop()
    say("stopped.")
    return 0


def _supervise(platform: Platform, env: dict[str, str], service_log) -> None:
    def restart(old: ServiceProcess) -> ServiceProcess:
        service_env = {**env, "REDRESS_KAFKA_BOOTSTRAP": platform.broker.bootstrap}
        if old.name == RADAR:
            return start_radar(service_env, log_to=service_log)
        return start_service(old.name, service_env, port=old.port, log_to=service_log)

    supervisor = Supervisor(platform.services, restart, say=say)
    while True:
        time.sleep(1)
        supervisor.check()


def _banner(platform: Platform, log_path) -> None:
    say(f"\nKafka ({platform.broker.kind}): {platform.broker.bootstrap}")
    for name, service in platform.services.items():
        what = "faust app" if name == RADAR else "gRPC"
        say(f"{name:<15} {what}: {service.address}  (pid {service.pid})")
    say(f"service logs: {log_path}")
    say("\nTry it (dev token of organisation demo-org, see README):")
    say("  .venv/bin/redress file --channel email --email ayse@example.com \\")
    say("      --description 'Yemek soğuk geldi, garson çok kaba davrandı.'")
    say("  .venv/bin/redress tail --from-beginning")
    say("  .venv/bin/redress case <complaint id>     # the case resolution opened for it")
    say("  .venv/bin/redress deadletters list        # records a service set aside")
    say("  grpcurl -plaintext -H 'authorization: Bearer redress-dev-integration' "
        f"{platform.services['intake'].address} list")
    say("\nA service that exits is restarted. Ctrl-C stops everything; the events stay for next time.")


if __name__ == "__main__":
    sys.exit(main())
