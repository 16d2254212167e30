
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'deckhand' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'deckhand'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'deckhand' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Also load this pack in the trainer (a .toml file or a folder with pack.toml); repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate content packs (the built-in one when no path is given)')
            [CompletionResult]::new('cards', 'cards', [CompletionResultType]::ParameterValue, 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners'' flags')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Simulate an ECS rolling update or service auto scaling, headless')
            [CompletionResult]::new('paths', 'paths', [CompletionResultType]::ParameterValue, 'Print where deckhand keeps progress, packs and config')
            [CompletionResult]::new('optimize', 'optimize', [CompletionResultType]::ParameterValue, 'Fit FSRS parameters to your own review log and store them per pack')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Tools for pack authors: what changed between two releases')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Your statistics: today, reviews per day, retention, topics, streak, exams')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Set the exam date of a pack and see the plan to it')
            [CompletionResult]::new('exam', 'exam', [CompletionResultType]::ParameterValue, 'The mock exams the packs offer, or (--history) how they went')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import an Anki package or text file as a pack, or restore progress from a JSON export')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export packs to Anki (.apkg), Anki''s text format or JSON')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff): deckhand(1), or a subcommand''s own page')
            [CompletionResult]::new('__answer-loop', '__answer-loop', [CompletionResultType]::ParameterValue, 'Test helper: answer items in a loop, acknowledging each committed answer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;check' {
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'An earlier release of a pack, whose card ids `--strict` accepts in `replaces` (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also warn about ids in `replaces` that no earlier version of the pack had')
            [CompletionResult]::new('--lint', '--lint', [CompletionResultType]::ParameterName, 'Also report what makes the packs weaker as study material (see docs/authoring.md)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;cards' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only this pack')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only cards in this state (repeatable): new, learning, review, suspended, buried, leech, flagged, due')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--flagged', '--flagged', [CompletionResultType]::ParameterName, 'List the flags learners put on cards, with their notes (for the pack''s author)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('rolling', 'rolling', [CompletionResultType]::ParameterValue, 'A rolling update: old tasks replaced within minimum healthy / maximum percent')
            [CompletionResult]::new('scaling', 'scaling', [CompletionResultType]::ParameterValue, 'Service auto scaling (and cluster auto scaling on EC2) under a load preset')
            [CompletionResult]::new('bluegreen', 'bluegreen', [CompletionResultType]::ParameterValue, 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says')
            [CompletionResult]::new('linear', 'linear', [CompletionResultType]::ParameterValue, 'A linear deployment (ECS): production traffic moves in equal steps')
            [CompletionResult]::new('canary', 'canary', [CompletionResultType]::ParameterValue, 'A canary deployment (ECS): a small share of production traffic first, then the rest')
            [CompletionResult]::new('placement', 'placement', [CompletionResultType]::ParameterValue, 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'The scenario a card names (its `sim = {…}`), played to its end')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;sim;rolling' {
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'Desired count')
            [CompletionResult]::new('--min-healthy', '--min-healthy', [CompletionResultType]::ParameterName, 'minimumHealthyPercent (default 100; 0 for a daemon)')
            [CompletionResult]::new('--max-percent', '--max-percent', [CompletionResultType]::ParameterName, 'maximumPercent (default 200; 100 for a daemon)')
            [CompletionResult]::new('--capacity', '--capacity', [CompletionResultType]::ParameterName, 'An EC2 cluster with room for exactly this many tasks (default: Fargate)')
            [CompletionResult]::new('--launch-type', '--launch-type', [CompletionResultType]::ParameterName, 'fargate or ec2')
            [CompletionResult]::new('--instances', '--instances', [CompletionResultType]::ParameterName, 'EC2 container instances of type c5.large: 2 vCPU and 4 GiB installed, of which the agent registers 3,992 MiB, so 3 tasks of 512 CPU / 1024 MiB fit on each')
            [CompletionResult]::new('--reserved-memory', '--reserved-memory', [CompletionResultType]::ParameterName, 'ECS_RESERVED_MEMORY on every instance: MiB of memory kept from tasks (EC2)')
            [CompletionResult]::new('--broken-image', '--broken-image', [CompletionResultType]::ParameterName, 'The new image is broken: tasks fail to `start` (default) or fail their `health` checks')
            [CompletionResult]::new('--breaker-threshold', '--breaker-threshold', [CompletionResultType]::ParameterName, 'The circuit breaker''s threshold value (default 50; needs --circuit-breaker)')
            [CompletionResult]::new('--breaker-threshold-type', '--breaker-threshold-type', [CompletionResultType]::ParameterName, 'How the threshold value counts: bounded-percent (of the desired count, clamped to 3..200; default), unbounded-percent or count')
            [CompletionResult]::new('--reset-on-healthy-task', '--reset-on-healthy-task', [CompletionResultType]::ParameterName, 'resetOnHealthyTask: whether a healthy new task resets the failure count (default true)')
            [CompletionResult]::new('--alarm-periods', '--alarm-periods', [CompletionResultType]::ParameterName, 'With --alarms: the alarm''s evaluation periods of 60 s (default 3), also the bake time')
            [CompletionResult]::new('--health-check-secs', '--health-check-secs', [CompletionResultType]::ParameterName, 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)')
            [CompletionResult]::new('--healthy-threshold', '--healthy-threshold', [CompletionResultType]::ParameterName, 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)')
            [CompletionResult]::new('--dereg-delay-secs', '--dereg-delay-secs', [CompletionResultType]::ParameterName, 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)')
            [CompletionResult]::new('--unhealthy-threshold', '--unhealthy-threshold', [CompletionResultType]::ParameterName, 'The target group''s unhealthy threshold (default 2; needs --lb)')
            [CompletionResult]::new('--container-interval-secs', '--container-interval-secs', [CompletionResultType]::ParameterName, 'The container health check''s interval in seconds (default 30; needs --container-check)')
            [CompletionResult]::new('--container-retries', '--container-retries', [CompletionResultType]::ParameterName, 'The container health check''s retries (default 3; needs --container-check)')
            [CompletionResult]::new('--start-period-secs', '--start-period-secs', [CompletionResultType]::ParameterName, 'The container health check''s start period in seconds (default 0; needs --container-check)')
            [CompletionResult]::new('--app-ready-secs', '--app-ready-secs', [CompletionResultType]::ParameterName, 'Seconds after RUNNING until the application answers its health checks (default 0)')
            [CompletionResult]::new('--grace-secs', '--grace-secs', [CompletionResultType]::ParameterName, 'The service''s health check grace period in seconds (default 0)')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'Task CPU units (default 512)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Task memory in MiB (default 1024)')
            [CompletionResult]::new('--os', '--os', [CompletionResultType]::ParameterName, 'linux or windows')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'Stop the run after this many simulated minutes if the deployment has not ended')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--circuit-breaker', '--circuit-breaker', [CompletionResultType]::ParameterName, 'Enable the deployment circuit breaker')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Roll back when the circuit breaker trips (enables it)')
            [CompletionResult]::new('--alarms', '--alarms', [CompletionResultType]::ParameterName, 'A CloudWatch alarm watches the deployment; it rolls back when the alarm goes into ALARM')
            [CompletionResult]::new('--no-alarm-rollback', '--no-alarm-rollback', [CompletionResultType]::ParameterName, 'With --alarms: fail the deployment on ALARM without rolling back')
            [CompletionResult]::new('--failing-release', '--failing-release', [CompletionResultType]::ParameterName, 'With --alarms: the new revision trips the alarm once it has served traffic for the alarm''s periods')
            [CompletionResult]::new('--lb', '--lb', [CompletionResultType]::ParameterName, 'Put the service behind an Application Load Balancer')
            [CompletionResult]::new('--container-check', '--container-check', [CompletionResultType]::ParameterName, 'Define a container health check in the task definition')
            [CompletionResult]::new('--daemon', '--daemon', [CompletionResultType]::ParameterName, 'A DAEMON service (EC2 only; one task per instance)')
            [CompletionResult]::new('--console-defaults', '--console-defaults', [CompletionResultType]::ParameterName, 'Console defaults (a daemon gets minimum healthy 50%)')
            [CompletionResult]::new('--count-stopping-in-max', '--count-stopping-in-max', [CompletionResultType]::ParameterName, 'Count tasks that are stopping toward maximumPercent, as older AWS documentation reads it (default: only tasks from PROVISIONING to RUNNING count)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;scaling' {
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'target-tracking, step or scheduled')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target value (target tracking) or alarm threshold (step)')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'cpu, memory, requests or backlog (default cpu; backlog for sqs-backlog)')
            [CompletionResult]::new('--load', '--load', [CompletionResultType]::ParameterName, 'steady, spike, daily-wave or sqs-backlog')
            [CompletionResult]::new('--launch-type', '--launch-type', [CompletionResultType]::ParameterName, 'fargate or ec2 (an Auto Scaling group capacity provider with managed scaling)')
            [CompletionResult]::new('--instances', '--instances', [CompletionResultType]::ParameterName, 'Instances in the Auto Scaling group at the start (EC2; default 2)')
            [CompletionResult]::new('--max-instances', '--max-instances', [CompletionResultType]::ParameterName, 'Auto Scaling group maximum size (EC2; default 10)')
            [CompletionResult]::new('--target-capacity', '--target-capacity', [CompletionResultType]::ParameterName, 'Managed scaling target capacity in percent (EC2; default 100)')
            [CompletionResult]::new('--warmup-secs', '--warmup-secs', [CompletionResultType]::ParameterName, 'Instance warm-up in seconds (EC2; default 300)')
            [CompletionResult]::new('--placement', '--placement', [CompletionResultType]::ParameterName, 'spread, binpack or random (EC2; default binpack)')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'Minimum task count (default 1)')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Maximum task count (default 20)')
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'Desired count at the start (default 3)')
            [CompletionResult]::new('--adjustment', '--adjustment', [CompletionResultType]::ParameterName, 'Step adjustment type: percent, change or exact')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'A scheduled action `EXPR;min=N;max=N` (repeatable), e.g. `cron(0/20 * * * ? *);min=5`')
            [CompletionResult]::new('--deploy-at-minute', '--deploy-at-minute', [CompletionResultType]::ParameterName, 'Deploy a new revision at this minute')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'Task CPU units (default 512)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Task memory in MiB (default 1024)')
            [CompletionResult]::new('--os', '--os', [CompletionResultType]::ParameterName, 'linux or windows')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'How many simulated minutes to run')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--termination-protection', '--termination-protection', [CompletionResultType]::ParameterName, 'Managed termination protection (EC2)')
            [CompletionResult]::new('--disable-scale-in', '--disable-scale-in', [CompletionResultType]::ParameterName, 'Turn off the scale-in side of target tracking (or drop the step scale-in policy)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;bluegreen' {
            [CompletionResult]::new('--codedeploy', '--codedeploy', [CompletionResultType]::ParameterName, 'Deploy with AWS CodeDeploy using this deployment configuration, e.g. CodeDeployDefault.ECSCanary10Percent5Minutes (default: the ECS controller, all at once)')
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'Desired count')
            [CompletionResult]::new('--bake-minutes', '--bake-minutes', [CompletionResultType]::ParameterName, 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set')
            [CompletionResult]::new('--hook', '--hook', [CompletionResultType]::ParameterName, 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)')
            [CompletionResult]::new('--hook-secs', '--hook-secs', [CompletionResultType]::ParameterName, 'How long the hook runs')
            [CompletionResult]::new('--health-check-secs', '--health-check-secs', [CompletionResultType]::ParameterName, 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)')
            [CompletionResult]::new('--healthy-threshold', '--healthy-threshold', [CompletionResultType]::ParameterName, 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)')
            [CompletionResult]::new('--dereg-delay-secs', '--dereg-delay-secs', [CompletionResultType]::ParameterName, 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'Stop the run after this many simulated minutes if the deployment has not ended')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--no-test-traffic', '--no-test-traffic', [CompletionResultType]::ParameterName, 'No test listener: production traffic moves without a test traffic stage')
            [CompletionResult]::new('--hook-fails', '--hook-fails', [CompletionResultType]::ParameterName, 'The hook reports failure (the deployment rolls back)')
            [CompletionResult]::new('--failing-release', '--failing-release', [CompletionResultType]::ParameterName, 'The new revision trips the deployment alarm once it serves production traffic')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Do not roll back when the alarm goes into ALARM')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;linear' {
            [CompletionResult]::new('--step-percent', '--step-percent', [CompletionResultType]::ParameterName, 'Percent of production traffic moved at each step (3.0 to 100.0)')
            [CompletionResult]::new('--step-minutes', '--step-minutes', [CompletionResultType]::ParameterName, 'Minutes between steps (the step bake time)')
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'Desired count')
            [CompletionResult]::new('--bake-minutes', '--bake-minutes', [CompletionResultType]::ParameterName, 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set')
            [CompletionResult]::new('--hook', '--hook', [CompletionResultType]::ParameterName, 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)')
            [CompletionResult]::new('--hook-secs', '--hook-secs', [CompletionResultType]::ParameterName, 'How long the hook runs')
            [CompletionResult]::new('--health-check-secs', '--health-check-secs', [CompletionResultType]::ParameterName, 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)')
            [CompletionResult]::new('--healthy-threshold', '--healthy-threshold', [CompletionResultType]::ParameterName, 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)')
            [CompletionResult]::new('--dereg-delay-secs', '--dereg-delay-secs', [CompletionResultType]::ParameterName, 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'Stop the run after this many simulated minutes if the deployment has not ended')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--no-test-traffic', '--no-test-traffic', [CompletionResultType]::ParameterName, 'No test listener: production traffic moves without a test traffic stage')
            [CompletionResult]::new('--hook-fails', '--hook-fails', [CompletionResultType]::ParameterName, 'The hook reports failure (the deployment rolls back)')
            [CompletionResult]::new('--failing-release', '--failing-release', [CompletionResultType]::ParameterName, 'The new revision trips the deployment alarm once it serves production traffic')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Do not roll back when the alarm goes into ALARM')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;canary' {
            [CompletionResult]::new('--canary-percent', '--canary-percent', [CompletionResultType]::ParameterName, 'Percent of production traffic in the canary step (0.1 to 100.0)')
            [CompletionResult]::new('--canary-minutes', '--canary-minutes', [CompletionResultType]::ParameterName, 'Minutes before the rest moves (the canary bake time)')
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'Desired count')
            [CompletionResult]::new('--bake-minutes', '--bake-minutes', [CompletionResultType]::ParameterName, 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set')
            [CompletionResult]::new('--hook', '--hook', [CompletionResultType]::ParameterName, 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)')
            [CompletionResult]::new('--hook-secs', '--hook-secs', [CompletionResultType]::ParameterName, 'How long the hook runs')
            [CompletionResult]::new('--health-check-secs', '--health-check-secs', [CompletionResultType]::ParameterName, 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)')
            [CompletionResult]::new('--healthy-threshold', '--healthy-threshold', [CompletionResultType]::ParameterName, 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)')
            [CompletionResult]::new('--dereg-delay-secs', '--dereg-delay-secs', [CompletionResultType]::ParameterName, 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'Stop the run after this many simulated minutes if the deployment has not ended')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--no-test-traffic', '--no-test-traffic', [CompletionResultType]::ParameterName, 'No test listener: production traffic moves without a test traffic stage')
            [CompletionResult]::new('--hook-fails', '--hook-fails', [CompletionResultType]::ParameterName, 'The hook reports failure (the deployment rolls back)')
            [CompletionResult]::new('--failing-release', '--failing-release', [CompletionResultType]::ParameterName, 'The new revision trips the deployment alarm once it serves production traffic')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Do not roll back when the alarm goes into ALARM')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;placement' {
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Tasks to place (the new service''s desired count)')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'A container instance, TYPE@AZ (m5.large@a, t3.medium@us-east-1b); repeat for each (default: an m5.large in each of us-east-1a, b and c, then a t3.medium in each)')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'A placement strategy, in order (repeat, up to 4): spread-az (the default), spread-instance, binpack-cpu, binpack-memory or random')
            [CompletionResult]::new('--member-of', '--member-of', [CompletionResultType]::ParameterName, 'A memberOf constraint, e.g. "attribute:ecs.instance-type =~ t3.*" or "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'Task CPU units (default 512)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Task memory in MiB (default 1024)')
            [CompletionResult]::new('--minutes', '--minutes', [CompletionResultType]::ParameterName, 'Stop the run after this many simulated minutes')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Random seed (load noise, placement ties)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--distinct-instance', '--distinct-instance', [CompletionResultType]::ParameterName, 'The distinctInstance constraint: each task on a different instance')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;card' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a timeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;sim;help' {
            [CompletionResult]::new('rolling', 'rolling', [CompletionResultType]::ParameterValue, 'A rolling update: old tasks replaced within minimum healthy / maximum percent')
            [CompletionResult]::new('scaling', 'scaling', [CompletionResultType]::ParameterValue, 'Service auto scaling (and cluster auto scaling on EC2) under a load preset')
            [CompletionResult]::new('bluegreen', 'bluegreen', [CompletionResultType]::ParameterValue, 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says')
            [CompletionResult]::new('linear', 'linear', [CompletionResultType]::ParameterValue, 'A linear deployment (ECS): production traffic moves in equal steps')
            [CompletionResult]::new('canary', 'canary', [CompletionResultType]::ParameterValue, 'A canary deployment (ECS): a small share of production traffic first, then the rest')
            [CompletionResult]::new('placement', 'placement', [CompletionResultType]::ParameterValue, 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'The scenario a card names (its `sim = {…}`), played to its end')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;sim;help;rolling' {
            break
        }
        'deckhand;sim;help;scaling' {
            break
        }
        'deckhand;sim;help;bluegreen' {
            break
        }
        'deckhand;sim;help;linear' {
            break
        }
        'deckhand;sim;help;canary' {
            break
        }
        'deckhand;sim;help;placement' {
            break
        }
        'deckhand;sim;help;card' {
            break
        }
        'deckhand;sim;help;help' {
            break
        }
        'deckhand;paths' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;optimize' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Optimise only this pack (default: every pack with reviews, each on its own)')
            [CompletionResult]::new('--min-reviews', '--min-reviews', [CompletionResultType]::ParameterName, 'Minimum number of long-term reviews required')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--reschedule', '--reschedule', [CompletionResultType]::ParameterName, 'Also move due dates to where the fitted parameters put them (default: keep them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;pack' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Start a pack: a folder with a commented pack.toml and a card of every kind')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed between two releases of a pack: added, removed, changed, replaced cards')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;pack;new' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;pack;diff' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;pack;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Start a pack: a folder with a commented pack.toml and a card of every kind')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed between two releases of a pack: added, removed, changed, replaced cards')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;pack;help;new' {
            break
        }
        'deckhand;pack;help;diff' {
            break
        }
        'deckhand;pack;help;help' {
            break
        }
        'deckhand;stats' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only this pack (default: every pack)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the form is documented in README.md)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;plan' {
            [CompletionResult]::new('--exam', '--exam', [CompletionResultType]::ParameterName, 'The exam date, YYYY-MM-DD (stored for the pack; today or later)')
            [CompletionResult]::new('--minutes-per-day', '--minutes-per-day', [CompletionResultType]::ParameterName, 'Minutes a day you can study (0 removes the budget)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The share of cards to recall on the exam day: 0.5 to 0.99, or 50 to 99 (percent)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'The pack (default: the built-in pack)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Remove the pack''s exam date and plan')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the form is documented in README.md)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;exam' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only this pack (default: every pack)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'List the finished exams, oldest first, with their results per domain')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the form is documented in README.md)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;import' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the pack (default: <data dir>/packs/<pack id>, where the trainer loads it)')
            [CompletionResult]::new('--pack-id', '--pack-id', [CompletionResultType]::ParameterName, 'The new pack''s id (default: made from the file''s name)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Put every card in this topic (default: one topic per Anki deck)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the output folder if it exists (progress is kept: it follows the card ids)')
            [CompletionResult]::new('--with-progress', '--with-progress', [CompletionResultType]::ParameterName, 'Also import the package''s review history into your progress (FSRS states are replayed from it)')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'FILE is a JSON export: restore its progress into this data directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;export' {
            [CompletionResult]::new('--anki', '--anki', [CompletionResultType]::ParameterName, 'Write an Anki package (.apkg) that Anki imports; notes keep the card ids as GUIDs, so exporting again updates the same notes')
            [CompletionResult]::new('--tsv', '--tsv', [CompletionResultType]::ParameterName, 'Write Anki''s text format (tab-separated, with its #headers)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write JSON (to standard output when OUT is `-` or left out)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only this pack (repeatable; default: every pack the trainer loads)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('--with-progress', '--with-progress', [CompletionResultType]::ParameterName, 'With --anki: include your scheduling and review log')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'With --json: include your progress (card states, review log, sessions, settings)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;completions' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;man' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;__answer-loop' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Pack id to answer in')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of answers to give')
            [CompletionResult]::new('--items', '--items', [CompletionResultType]::ParameterName, 'Number of distinct items (new ones keep coming, so the loop never runs dry)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where progress and user packs live (default: the platform data directory)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Where config.toml lives (default: the platform config directory)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'deckhand;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate content packs (the built-in one when no path is given)')
            [CompletionResult]::new('cards', 'cards', [CompletionResultType]::ParameterValue, 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners'' flags')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Simulate an ECS rolling update or service auto scaling, headless')
            [CompletionResult]::new('paths', 'paths', [CompletionResultType]::ParameterValue, 'Print where deckhand keeps progress, packs and config')
            [CompletionResult]::new('optimize', 'optimize', [CompletionResultType]::ParameterValue, 'Fit FSRS parameters to your own review log and store them per pack')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Tools for pack authors: what changed between two releases')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Your statistics: today, reviews per day, retention, topics, streak, exams')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Set the exam date of a pack and see the plan to it')
            [CompletionResult]::new('exam', 'exam', [CompletionResultType]::ParameterValue, 'The mock exams the packs offer, or (--history) how they went')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import an Anki package or text file as a pack, or restore progress from a JSON export')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export packs to Anki (.apkg), Anki''s text format or JSON')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff): deckhand(1), or a subcommand''s own page')
            [CompletionResult]::new('__answer-loop', '__answer-loop', [CompletionResultType]::ParameterValue, 'Test helper: answer items in a loop, acknowledging each committed answer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'deckhand;help;check' {
            break
        }
        'deckhand;help;cards' {
            break
        }
        'deckhand;help;sim' {
            [CompletionResult]::new('rolling', 'rolling', [CompletionResultType]::ParameterValue, 'A rolling update: old tasks replaced within minimum healthy / maximum percent')
            [CompletionResult]::new('scaling', 'scaling', [CompletionResultType]::ParameterValue, 'Service auto scaling (and cluster auto scaling on EC2) under a load preset')
            [CompletionResult]::new('bluegreen', 'bluegreen', [CompletionResultType]::ParameterValue, 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says')
            [CompletionResult]::new('linear', 'linear', [CompletionResultType]::ParameterValue, 'A linear deployment (ECS): production traffic moves in equal steps')
            [CompletionResult]::new('canary', 'canary', [CompletionResultType]::ParameterValue, 'A canary deployment (ECS): a small share of production traffic first, then the rest')
            [CompletionResult]::new('placement', 'placement', [CompletionResultType]::ParameterValue, 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'The scenario a card names (its `sim = {…}`), played to its end')
            break
        }
        'deckhand;help;sim;rolling' {
            break
        }
        'deckhand;help;sim;scaling' {
            break
        }
        'deckhand;help;sim;bluegreen' {
            break
        }
        'deckhand;help;sim;linear' {
            break
        }
        'deckhand;help;sim;canary' {
            break
        }
        'deckhand;help;sim;placement' {
            break
        }
        'deckhand;help;sim;card' {
            break
        }
        'deckhand;help;paths' {
            break
        }
        'deckhand;help;optimize' {
            break
        }
        'deckhand;help;pack' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Start a pack: a folder with a commented pack.toml and a card of every kind')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed between two releases of a pack: added, removed, changed, replaced cards')
            break
        }
        'deckhand;help;pack;new' {
            break
        }
        'deckhand;help;pack;diff' {
            break
        }
        'deckhand;help;stats' {
            break
        }
        'deckhand;help;plan' {
            break
        }
        'deckhand;help;exam' {
            break
        }
        'deckhand;help;import' {
            break
        }
        'deckhand;help;export' {
            break
        }
        'deckhand;help;completions' {
            break
        }
        'deckhand;help;man' {
            break
        }
        'deckhand;help;__answer-loop' {
            break
        }
        'deckhand;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
