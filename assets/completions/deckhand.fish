# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_deckhand_global_optspecs
    string join \n data-dir= config-dir= pack= color= v/verbose h/help V/version
end

function __fish_deckhand_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_deckhand_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_deckhand_using_subcommand
    set -l cmd (__fish_deckhand_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c deckhand -n "__fish_deckhand_needs_command" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_needs_command" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_needs_command" -l pack -d 'Also load this pack in the trainer (a .toml file or a folder with pack.toml); repeatable' -r -F
complete -c deckhand -n "__fish_deckhand_needs_command" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_needs_command" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_needs_command" -s V -l version -d 'Print version'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "check" -d 'Validate content packs (the built-in one when no path is given)'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "cards" -d 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners\' flags'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "sim" -d 'Simulate an ECS rolling update or service auto scaling, headless'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "paths" -d 'Print where deckhand keeps progress, packs and config'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "optimize" -d 'Fit FSRS parameters to your own review log and store them per pack'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "pack" -d 'Tools for pack authors: what changed between two releases'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "stats" -d 'Your statistics: today, reviews per day, retention, topics, streak, exams'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "plan" -d 'Set the exam date of a pack and see the plan to it'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "exam" -d 'The mock exams the packs offer, or (--history) how they went'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "import" -d 'Import an Anki package or text file as a pack, or restore progress from a JSON export'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "export" -d 'Export packs to Anki (.apkg), Anki\'s text format or JSON'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "man" -d 'Print the man page (roff): deckhand(1), or a subcommand\'s own page'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "__answer-loop" -d 'Test helper: answer items in a loop, acknowledging each committed answer'
complete -c deckhand -n "__fish_deckhand_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l previous -d 'An earlier release of a pack, whose card ids `--strict` accepts in `replaces` (repeatable)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l format -d 'Output format' -r -f -a "text\t'`file:line:col: error: what`, the line with a caret, and a `help:` line'
json\t'One JSON document: every diagnostic (file, line, column, severity, message, help, note), the lint findings with --lint, and the counts'"
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l strict -d 'Also warn about ids in `replaces` that no earlier version of the pack had'
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -l lint -d 'Also report what makes the packs weaker as study material (see docs/authoring.md)'
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l pack -d 'Only this pack' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l state -d 'Only cards in this state (repeatable): new, learning, review, suspended, buried, leech, flagged, due' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l flagged -d 'List the flags learners put on cards, with their notes (for the pack\'s author)'
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -l json -d 'Print JSON instead of a table'
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand cards" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "rolling" -d 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "scaling" -d 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "bluegreen" -d 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "linear" -d 'A linear deployment (ECS): production traffic moves in equal steps'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "canary" -d 'A canary deployment (ECS): a small share of production traffic first, then the rest'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "placement" -d 'Task placement: a new service\'s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "card" -d 'The scenario a card names (its `sim = {…}`), played to its end'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and not __fish_seen_subcommand_from rolling scaling bluegreen linear canary placement card help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l desired -d 'Desired count' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l min-healthy -d 'minimumHealthyPercent (default 100; 0 for a daemon)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l max-percent -d 'maximumPercent (default 200; 100 for a daemon)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l capacity -d 'An EC2 cluster with room for exactly this many tasks (default: Fargate)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l launch-type -d 'fargate or ec2' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l instances -d 'EC2 container instances of type c5.large: 2 vCPU and 4 GiB installed, of which the agent registers 3,992 MiB, so 3 tasks of 512 CPU / 1024 MiB fit on each' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l reserved-memory -d 'ECS_RESERVED_MEMORY on every instance: MiB of memory kept from tasks (EC2)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l broken-image -d 'The new image is broken: tasks fail to `start` (default) or fail their `health` checks' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l breaker-threshold -d 'The circuit breaker\'s threshold value (default 50; needs --circuit-breaker)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l breaker-threshold-type -d 'How the threshold value counts: bounded-percent (of the desired count, clamped to 3..200; default), unbounded-percent or count' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l reset-on-healthy-task -d 'resetOnHealthyTask: whether a healthy new task resets the failure count (default true)' -r -f -a "true\t''
false\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l alarm-periods -d 'With --alarms: the alarm\'s evaluation periods of 60 s (default 3), also the bake time' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l health-check-secs -d 'The target group\'s health check interval in seconds (default 30; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l healthy-threshold -d 'The target group\'s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l dereg-delay-secs -d 'The target group\'s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l unhealthy-threshold -d 'The target group\'s unhealthy threshold (default 2; needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l container-interval-secs -d 'The container health check\'s interval in seconds (default 30; needs --container-check)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l container-retries -d 'The container health check\'s retries (default 3; needs --container-check)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l start-period-secs -d 'The container health check\'s start period in seconds (default 0; needs --container-check)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l app-ready-secs -d 'Seconds after RUNNING until the application answers its health checks (default 0)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l grace-secs -d 'The service\'s health check grace period in seconds (default 0)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l cpu -d 'Task CPU units (default 512)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l memory -d 'Task memory in MiB (default 1024)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l os -d 'linux or windows' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l minutes -d 'Stop the run after this many simulated minutes if the deployment has not ended' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l circuit-breaker -d 'Enable the deployment circuit breaker'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l rollback -d 'Roll back when the circuit breaker trips (enables it)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l alarms -d 'A CloudWatch alarm watches the deployment; it rolls back when the alarm goes into ALARM'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l no-alarm-rollback -d 'With --alarms: fail the deployment on ALARM without rolling back'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l failing-release -d 'With --alarms: the new revision trips the alarm once it has served traffic for the alarm\'s periods'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l lb -d 'Put the service behind an Application Load Balancer'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l container-check -d 'Define a container health check in the task definition'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l daemon -d 'A DAEMON service (EC2 only; one task per instance)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l console-defaults -d 'Console defaults (a daemon gets minimum healthy 50%)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l count-stopping-in-max -d 'Count tasks that are stopping toward maximumPercent, as older AWS documentation reads it (default: only tasks from PROVISIONING to RUNNING count)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from rolling" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l policy -d 'target-tracking, step or scheduled' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l target -d 'Target value (target tracking) or alarm threshold (step)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l metric -d 'cpu, memory, requests or backlog (default cpu; backlog for sqs-backlog)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l load -d 'steady, spike, daily-wave or sqs-backlog' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l launch-type -d 'fargate or ec2 (an Auto Scaling group capacity provider with managed scaling)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l instances -d 'Instances in the Auto Scaling group at the start (EC2; default 2)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l max-instances -d 'Auto Scaling group maximum size (EC2; default 10)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l target-capacity -d 'Managed scaling target capacity in percent (EC2; default 100)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l warmup-secs -d 'Instance warm-up in seconds (EC2; default 300)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l placement -d 'spread, binpack or random (EC2; default binpack)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l min -d 'Minimum task count (default 1)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l max -d 'Maximum task count (default 20)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l desired -d 'Desired count at the start (default 3)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l adjustment -d 'Step adjustment type: percent, change or exact' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l action -d 'A scheduled action `EXPR;min=N;max=N` (repeatable), e.g. `cron(0/20 * * * ? *);min=5`' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l deploy-at-minute -d 'Deploy a new revision at this minute' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l cpu -d 'Task CPU units (default 512)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l memory -d 'Task memory in MiB (default 1024)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l os -d 'linux or windows' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l minutes -d 'How many simulated minutes to run' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l termination-protection -d 'Managed termination protection (EC2)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l disable-scale-in -d 'Turn off the scale-in side of target tracking (or drop the step scale-in policy)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from scaling" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l codedeploy -d 'Deploy with AWS CodeDeploy using this deployment configuration, e.g. CodeDeployDefault.ECSCanary10Percent5Minutes (default: the ECS controller, all at once)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l desired -d 'Desired count' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l bake-minutes -d 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy\'s wait before it terminates the original task set' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l hook -d 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l hook-secs -d 'How long the hook runs' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l health-check-secs -d 'The target group\'s health check interval in seconds (default 30; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l healthy-threshold -d 'The target group\'s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l dereg-delay-secs -d 'The target group\'s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l minutes -d 'Stop the run after this many simulated minutes if the deployment has not ended' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l no-test-traffic -d 'No test listener: production traffic moves without a test traffic stage'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l hook-fails -d 'The hook reports failure (the deployment rolls back)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l failing-release -d 'The new revision trips the deployment alarm once it serves production traffic'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l no-rollback -d 'Do not roll back when the alarm goes into ALARM'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from bluegreen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l step-percent -d 'Percent of production traffic moved at each step (3.0 to 100.0)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l step-minutes -d 'Minutes between steps (the step bake time)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l desired -d 'Desired count' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l bake-minutes -d 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy\'s wait before it terminates the original task set' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l hook -d 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l hook-secs -d 'How long the hook runs' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l health-check-secs -d 'The target group\'s health check interval in seconds (default 30; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l healthy-threshold -d 'The target group\'s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l dereg-delay-secs -d 'The target group\'s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l minutes -d 'Stop the run after this many simulated minutes if the deployment has not ended' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l no-test-traffic -d 'No test listener: production traffic moves without a test traffic stage'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l hook-fails -d 'The hook reports failure (the deployment rolls back)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l failing-release -d 'The new revision trips the deployment alarm once it serves production traffic'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l no-rollback -d 'Do not roll back when the alarm goes into ALARM'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from linear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l canary-percent -d 'Percent of production traffic in the canary step (0.1 to 100.0)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l canary-minutes -d 'Minutes before the rest moves (the canary bake time)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l desired -d 'Desired count' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l bake-minutes -d 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy\'s wait before it terminates the original task set' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l hook -d 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l hook-secs -d 'How long the hook runs' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l health-check-secs -d 'The target group\'s health check interval in seconds (default 30; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l healthy-threshold -d 'The target group\'s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l dereg-delay-secs -d 'The target group\'s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l minutes -d 'Stop the run after this many simulated minutes if the deployment has not ended' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l no-test-traffic -d 'No test listener: production traffic moves without a test traffic stage'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l hook-fails -d 'The hook reports failure (the deployment rolls back)'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l failing-release -d 'The new revision trips the deployment alarm once it serves production traffic'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l no-rollback -d 'Do not roll back when the alarm goes into ALARM'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from canary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l tasks -d 'Tasks to place (the new service\'s desired count)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l instance -d 'A container instance, TYPE@AZ (m5.large@a, t3.medium@us-east-1b); repeat for each (default: an m5.large in each of us-east-1a, b and c, then a t3.medium in each)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l strategy -d 'A placement strategy, in order (repeat, up to 4): spread-az (the default), spread-instance, binpack-cpu, binpack-memory or random' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l member-of -d 'A memberOf constraint, e.g. "attribute:ecs.instance-type =~ t3.*" or "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l cpu -d 'Task CPU units (default 512)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l memory -d 'Task memory in MiB (default 1024)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l minutes -d 'Stop the run after this many simulated minutes' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l seed -d 'Random seed (load noise, placement ties)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l distinct-instance -d 'The distinctInstance constraint: each task on a different instance'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from placement" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -l json -d 'Print JSON instead of a timeline'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from card" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "rolling" -d 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "scaling" -d 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "bluegreen" -d 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "linear" -d 'A linear deployment (ECS): production traffic moves in equal steps'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "canary" -d 'A canary deployment (ECS): a small share of production traffic first, then the rest'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "placement" -d 'Task placement: a new service\'s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "card" -d 'The scenario a card names (its `sim = {…}`), played to its end'
complete -c deckhand -n "__fish_deckhand_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand paths" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand paths" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand paths" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand paths" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand paths" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l pack -d 'Optimise only this pack (default: every pack with reviews, each on its own)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l min-reviews -d 'Minimum number of long-term reviews required' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -l reschedule -d 'Also move due dates to where the fitted parameters put them (default: keep them)'
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand optimize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -f -a "new" -d 'Start a pack: a folder with a commented pack.toml and a card of every kind'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -f -a "diff" -d 'What changed between two releases of a pack: added, removed, changed, replaced cards'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and not __fish_seen_subcommand_from new diff help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from new" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from new" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from new" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from new" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -l json -d 'Print JSON instead of text'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "new" -d 'Start a pack: a folder with a commented pack.toml and a card of every kind'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "diff" -d 'What changed between two releases of a pack: added, removed, changed, replaced cards'
complete -c deckhand -n "__fish_deckhand_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -l pack -d 'Only this pack (default: every pack)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -l json -d 'Print JSON (the form is documented in README.md)'
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l exam -d 'The exam date, YYYY-MM-DD (stored for the pack; today or later)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l minutes-per-day -d 'Minutes a day you can study (0 removes the budget)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l target -d 'The share of cards to recall on the exam day: 0.5 to 0.99, or 50 to 99 (percent)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l pack -d 'The pack (default: the built-in pack)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l clear -d 'Remove the pack\'s exam date and plan'
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -l json -d 'Print JSON (the form is documented in README.md)'
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l pack -d 'Only this pack (default: every pack)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l history -d 'List the finished exams, oldest first, with their results per domain'
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -l json -d 'Print JSON (the form is documented in README.md)'
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand exam" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l out -d 'Where to write the pack (default: <data dir>/packs/<pack id>, where the trainer loads it)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l pack-id -d 'The new pack\'s id (default: made from the file\'s name)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l topic -d 'Put every card in this topic (default: one topic per Anki deck)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l force -d 'Replace the output folder if it exists (progress is kept: it follows the card ids)'
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l with-progress -d 'Also import the package\'s review history into your progress (FSRS states are replayed from it)'
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -l progress -d 'FILE is a JSON export: restore its progress into this data directory'
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l anki -d 'Write an Anki package (.apkg) that Anki imports; notes keep the card ids as GUIDs, so exporting again updates the same notes' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l tsv -d 'Write Anki\'s text format (tab-separated, with its #headers)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l json -d 'Write JSON (to standard output when OUT is `-` or left out)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l pack -d 'Only this pack (repeatable; default: every pack the trainer loads)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l with-progress -d 'With --anki: include your scheduling and review log'
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -l progress -d 'With --json: include your progress (card states, review log, sessions, settings)'
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand completions" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand completions" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand completions" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand completions" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand man" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand man" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand man" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand man" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l pack -d 'Pack id to answer in' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l count -d 'Number of answers to give' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l items -d 'Number of distinct items (new ones keep coming, so the loop never runs dry)' -r
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l data-dir -d 'Where progress and user packs live (default: the platform data directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l config-dir -d 'Where config.toml lives (default: the platform config directory)' -r -F
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -l color -d 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)' -r -f -a "auto\t'Colour unless `NO_COLOR` is set'
always\t''
never\t''"
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -s v -l verbose -d 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
complete -c deckhand -n "__fish_deckhand_using_subcommand __answer-loop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "check" -d 'Validate content packs (the built-in one when no path is given)'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "cards" -d 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners\' flags'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "sim" -d 'Simulate an ECS rolling update or service auto scaling, headless'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "paths" -d 'Print where deckhand keeps progress, packs and config'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "optimize" -d 'Fit FSRS parameters to your own review log and store them per pack'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "pack" -d 'Tools for pack authors: what changed between two releases'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "stats" -d 'Your statistics: today, reviews per day, retention, topics, streak, exams'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "plan" -d 'Set the exam date of a pack and see the plan to it'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "exam" -d 'The mock exams the packs offer, or (--history) how they went'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "import" -d 'Import an Anki package or text file as a pack, or restore progress from a JSON export'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "export" -d 'Export packs to Anki (.apkg), Anki\'s text format or JSON'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "man" -d 'Print the man page (roff): deckhand(1), or a subcommand\'s own page'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "__answer-loop" -d 'Test helper: answer items in a loop, acknowledging each committed answer'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and not __fish_seen_subcommand_from check cards sim paths optimize pack stats plan exam import export completions man __answer-loop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "rolling" -d 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "scaling" -d 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "bluegreen" -d 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "linear" -d 'A linear deployment (ECS): production traffic moves in equal steps'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "canary" -d 'A canary deployment (ECS): a small share of production traffic first, then the rest'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "placement" -d 'Task placement: a new service\'s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "card" -d 'The scenario a card names (its `sim = {…}`), played to its end'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "new" -d 'Start a pack: a folder with a commented pack.toml and a card of every kind'
complete -c deckhand -n "__fish_deckhand_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "diff" -d 'What changed between two releases of a pack: added, removed, changed, replaced cards'
