"""`make run`: the broker and every service, in the foreground, until Ctrl-C."""
from __future__ import annotations

import os
import signal
import sys

from redress.dev.broker import BrokerError
from redress.dev.platform import ServiceFailed, start_platform
from redress.dev.paths import PROJECT_ROOT, dev_credentials_file


def main() -> int:
    log_path = PROJECT_ROOT / ".redress" / "services.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    print("starting Kafka and the Redress services ...", flush=True)
    try:
        with open(log_path, "a") as service_log:
            env = {"REDRESS_CREDENTIALS_FILE": os.environ.get("REDRESS_CREDENTIALS_FILE", str(dev_credentials_file()))}
            platform = start_platform(env=env, log_to=service_log)
    except (BrokerError, ServiceFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    # Blocked only now: children started above must not inherit a blocked mask.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        print(f"\nKafka ({platform.broker.kind}): {platform.broker.bootstrap}")
        for name, service in platform.services.items():
            print(f"{name:<10} gRPC: {service.address}")
        print(f"service logs: {log_path}")
        print("\nTry it (dev token of organisation demo-org, see README):")
        print("  .venv/bin/redress file --channel email --email ayse@example.com \\")
        print("      --description 'Yemek soğuk geldi, garson çok kaba davrandı.'")
        print("  .venv/bin/redress tail --from-beginning")
        print("  .venv/bin/redress case <complaint id>     # the case resolution opened for it")
        print("  grpcurl -plaintext -H 'authorization: Bearer redress-dev-integration' "
              f"{platform.services['intake'].address} list")
        print("\nCtrl-C stops everything; the events stay for next time.", flush=True)
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        print("\nstopping ...", flush=True)
    finally:
        platform.stop()
    print("stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
