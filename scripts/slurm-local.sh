#!/usr/bin/env bash
# A private single-node Slurm cluster for the cluster tests (tests/Lighten.Cluster.Tests) and for trying `lighten` trials
# against a real engine. Debian 12 (Slurm 22.05, MUNGE 0.5.15), run as root, no systemd needed.
#
#   scripts/slurm-local.sh up       install the packages if missing, start munged, slurmctld and slurmd, wait for the
#                                   node to be idle, print `export SLURM_CONF=...` (also written to $DIR/env)
#   scripts/slurm-local.sh down     stop the daemons by their recorded PIDs and remove the folder
#   scripts/slurm-local.sh status   say whether the cluster answers (exit 0) or not (exit 1)
#
# Everything lives in one folder, SLURM_LOCAL_DIR (default /tmp/lighten-slurm): its own MUNGE key and socket, slurm.conf,
# state, spool, logs and PID files; nothing under /etc is used, so it runs beside a machine's own Slurm or MUNGE.
# SLURM_LOCAL_CPUS (default: nproc) is the CPU count the node advertises; SLURM_LOCAL_TIMEOUT (default 60) the seconds
# `up` waits for the node; SLURM_LOCAL_PORT (default 6917, slurmd one above) keeps clear of a system Slurm's 6817/6818.
# Messages go to stderr and the export line alone to stdout: eval "$(scripts/slurm-local.sh up)".
set -euo pipefail

dir=${SLURM_LOCAL_DIR:-/tmp/lighten-slurm}
timeout=${SLURM_LOCAL_TIMEOUT:-60}
conf="$dir/slurm.conf"
socket_dir="$dir/munge"
socket="$socket_dir/munge.socket"
daemons=(slurmd slurmctld munged)

# Messages go to stderr, so that stdout is only the export line: eval "$(scripts/slurm-local.sh up)" works.
say() { echo "slurm-local: $*" >&2; }
fail() {
    echo "slurm-local FAILED: $*" >&2
    exit 1
}

# The last lines of every log in the folder, so a failure to start says why.
show_logs() {
    local log
    for log in "$dir"/log/*.log; do
        [ -f "$log" ] || continue
        echo "--- last lines of $log" >&2
        tail -n 15 "$log" >&2
    done
}

answers() {
    [ -f "$conf" ] && SLURM_CONF="$conf" timeout 10 sinfo --noheader --format=%t >/dev/null 2>&1
}

node_state() {
    SLURM_CONF="$conf" timeout 10 sinfo --noheader --format=%t 2>/dev/null | head -n 1
}

pid_alive() {
    local file="$dir/$1.pid"
    [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

install_packages() {
    local missing=() pkg
    for pkg in slurmctld slurmd slurm-client munge; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" -eq 0 ] || fail "the packages ${missing[*]} are missing and installing them needs root"
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The packages' scripts try to start the system's daemons; without an init system that is refused, harmlessly.
    apt-get install -y "${missing[@]}" >"${TMPDIR:-/tmp}/slurm-local-apt.log" 2>&1 || {
        apt-get update >/dev/null 2>&1 || true
        apt-get install -y "${missing[@]}" >"${TMPDIR:-/tmp}/slurm-local-apt.log" 2>&1
    } || { tail -n 20 "${TMPDIR:-/tmp}/slurm-local-apt.log" >&2; fail "apt-get install ${missing[*]} failed"; }
}

write_conf() {
    local host cpus memory
    host=$(hostname -s)
    cpus=${SLURM_LOCAL_CPUS:-$(nproc)}
    # Leave the node's own processes a quarter of the memory, at most 2 GB.
    memory=$(awk '/^MemTotal:/ { m = int($2 / 1024); r = int(m / 4); if (r > 2048) r = 2048; print m - r }' /proc/meminfo)
    cat >"$conf" <<EOF
# Written by scripts/slurm-local.sh: a private single-node cluster in $dir.
ClusterName=lighten
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${SLURM_LOCAL_PORT:-6917}
SlurmdPort=$(( ${SLURM_LOCAL_PORT:-6917} + 1 ))
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
# Job ids start from the clock, so a handle kept from before a restart (which forgets every job) names no new job.
FirstJobId=$(( $(date +%s) % 10000000 + 1000 ))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
ReturnToService=2
SlurmdParameters=config_overrides
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.daemon.pid
SlurmdPidFile=$dir/slurmd.daemon.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# Finished jobs leave squeue after MinJobAge seconds; time limits are enforced without extra grace.
MinJobAge=300
KillWait=2
OverTimeLimit=0
InactiveLimit=0
SchedulerParameters=sched_min_interval=100000
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
    mkdir -p "$socket_dir"
    chmod 0755 "$socket_dir"
    mungekey --create --keyfile="$dir/munge.key" >/dev/null
    chown root:root "$dir/munge.key"
    chmod 0400 "$dir/munge.key"
    munged --socket="$socket" --key-file="$dir/munge.key" --pid-file="$dir/munged.daemon.pid" \
        --log-file="$dir/log/munged.log" --seed-file="$dir/munged.seed" ||
        { show_logs; fail "munged did not start"; }
    # munged forks itself; its PID file is the record.
    local waited=0
    until [ -S "$socket" ] && [ -s "$dir/munged.daemon.pid" ]; do
        sleep 0.2
        waited=$((waited + 1))
        [ $waited -lt 50 ] || { show_logs; fail "munged made no socket at $socket in 10 s"; }
    done
    cp "$dir/munged.daemon.pid" "$dir/munged.pid"
    munge --socket="$socket" --no-input | unmunge --socket="$socket" >/dev/null ||
        { show_logs; fail "munge cannot encode and decode a credential through $socket"; }
}

start_daemon() {
    local name=$1
    shift
    nohup "$name" -D -f "$conf" "$@" >>"$dir/log/$name.out" 2>&1 </dev/null &
    echo $! >"$dir/$name.pid"
}

up() {
    if answers; then
        say "already up in $dir (node $(node_state))"
        echo "export SLURM_CONF=$conf"
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || fail "run as root: the private cluster's daemons run as root"
    if [ -d "$dir" ]; then
        say "$dir exists but no cluster answers: stopping what is left and starting afresh"
        down >/dev/null
    fi
    install_packages
    mkdir -p "$dir/state" "$dir/spool" "$dir/log"
    chmod 0755 "$dir"
    write_conf
    start_munge
    start_daemon slurmctld -i
    start_daemon slurmd
    local start=$SECONDS state=""
    while true; do
        state=$(node_state || true)
        case "$state" in
            idle) break ;;
        esac
        for name in slurmctld slurmd; do
            pid_alive "$name" || { show_logs; fail "$name exited while starting (log: $dir/log/$name.log)"; }
        done
        [ $((SECONDS - start)) -lt "$timeout" ] ||
            { show_logs; fail "the node is not idle after ${timeout}s (sinfo says '${state:-nothing}')"; }
        sleep 1
    done
    echo "export SLURM_CONF=$conf" >"$dir/env"
    say "up in $dir: node $(hostname -s) idle, $(SLURM_CONF="$conf" sinfo --noheader --format=%c) CPUs"
    echo "export SLURM_CONF=$conf"
}

stop_pid() {
    local name=$1 file="$dir/$1.pid" pid waited=0
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt 50 ]; do
            sleep 0.2
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "$name ($pid) ignored TERM for 10 s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

down() {
    [ -d "$dir" ] || { say "nothing to stop: $dir does not exist"; return 0; }
    local name
    # Jobs still running would outlive slurmd as orphans of slurmstepd; cancel them first.
    answers && SLURM_CONF="$conf" scancel --full --quiet --user=root 2>/dev/null || true
    for name in "${daemons[@]}"; do stop_pid "$name"; done
    rm -rf "$dir"
    say "down: $dir removed"
}

status() {
    if answers; then
        say "up in $dir: node $(node_state); export SLURM_CONF=$conf"
        return 0
    fi
    say "no cluster answers in $dir"
    return 1
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) fail "usage: $0 up|down|status (SLURM_LOCAL_DIR=$dir)" ;;
esac
