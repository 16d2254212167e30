
use builtin;
use str;

set edit:completion:arg-completer[deckhand] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'deckhand'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'deckhand'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --pack 'Also load this pack in the trainer (a .toml file or a folder with pack.toml); repeatable'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Validate content packs (the built-in one when no path is given)'
            cand cards 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners'' flags'
            cand sim 'Simulate an ECS rolling update or service auto scaling, headless'
            cand paths 'Print where deckhand keeps progress, packs and config'
            cand optimize 'Fit FSRS parameters to your own review log and store them per pack'
            cand pack 'Tools for pack authors: what changed between two releases'
            cand stats 'Your statistics: today, reviews per day, retention, topics, streak, exams'
            cand plan 'Set the exam date of a pack and see the plan to it'
            cand exam 'The mock exams the packs offer, or (--history) how they went'
            cand import 'Import an Anki package or text file as a pack, or restore progress from a JSON export'
            cand export 'Export packs to Anki (.apkg), Anki''s text format or JSON'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff): deckhand(1), or a subcommand''s own page'
            cand __answer-loop 'Test helper: answer items in a loop, acknowledging each committed answer'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;check'= {
            cand --previous 'An earlier release of a pack, whose card ids `--strict` accepts in `replaces` (repeatable)'
            cand --format 'Output format'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --strict 'Also warn about ids in `replaces` that no earlier version of the pack had'
            cand --lint 'Also report what makes the packs weaker as study material (see docs/authoring.md)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;cards'= {
            cand --pack 'Only this pack'
            cand --state 'Only cards in this state (repeatable): new, learning, review, suspended, buried, leech, flagged, due'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --flagged 'List the flags learners put on cards, with their notes (for the pack''s author)'
            cand --json 'Print JSON instead of a table'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand rolling 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
            cand scaling 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
            cand bluegreen 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
            cand linear 'A linear deployment (ECS): production traffic moves in equal steps'
            cand canary 'A canary deployment (ECS): a small share of production traffic first, then the rest'
            cand placement 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
            cand card 'The scenario a card names (its `sim = {…}`), played to its end'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;sim;rolling'= {
            cand --desired 'Desired count'
            cand --min-healthy 'minimumHealthyPercent (default 100; 0 for a daemon)'
            cand --max-percent 'maximumPercent (default 200; 100 for a daemon)'
            cand --capacity 'An EC2 cluster with room for exactly this many tasks (default: Fargate)'
            cand --launch-type 'fargate or ec2'
            cand --instances 'EC2 container instances of type c5.large: 2 vCPU and 4 GiB installed, of which the agent registers 3,992 MiB, so 3 tasks of 512 CPU / 1024 MiB fit on each'
            cand --reserved-memory 'ECS_RESERVED_MEMORY on every instance: MiB of memory kept from tasks (EC2)'
            cand --broken-image 'The new image is broken: tasks fail to `start` (default) or fail their `health` checks'
            cand --breaker-threshold 'The circuit breaker''s threshold value (default 50; needs --circuit-breaker)'
            cand --breaker-threshold-type 'How the threshold value counts: bounded-percent (of the desired count, clamped to 3..200; default), unbounded-percent or count'
            cand --reset-on-healthy-task 'resetOnHealthyTask: whether a healthy new task resets the failure count (default true)'
            cand --alarm-periods 'With --alarms: the alarm''s evaluation periods of 60 s (default 3), also the bake time'
            cand --health-check-secs 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)'
            cand --healthy-threshold 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)'
            cand --dereg-delay-secs 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)'
            cand --unhealthy-threshold 'The target group''s unhealthy threshold (default 2; needs --lb)'
            cand --container-interval-secs 'The container health check''s interval in seconds (default 30; needs --container-check)'
            cand --container-retries 'The container health check''s retries (default 3; needs --container-check)'
            cand --start-period-secs 'The container health check''s start period in seconds (default 0; needs --container-check)'
            cand --app-ready-secs 'Seconds after RUNNING until the application answers its health checks (default 0)'
            cand --grace-secs 'The service''s health check grace period in seconds (default 0)'
            cand --cpu 'Task CPU units (default 512)'
            cand --memory 'Task memory in MiB (default 1024)'
            cand --os 'linux or windows'
            cand --minutes 'Stop the run after this many simulated minutes if the deployment has not ended'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --circuit-breaker 'Enable the deployment circuit breaker'
            cand --rollback 'Roll back when the circuit breaker trips (enables it)'
            cand --alarms 'A CloudWatch alarm watches the deployment; it rolls back when the alarm goes into ALARM'
            cand --no-alarm-rollback 'With --alarms: fail the deployment on ALARM without rolling back'
            cand --failing-release 'With --alarms: the new revision trips the alarm once it has served traffic for the alarm''s periods'
            cand --lb 'Put the service behind an Application Load Balancer'
            cand --container-check 'Define a container health check in the task definition'
            cand --daemon 'A DAEMON service (EC2 only; one task per instance)'
            cand --console-defaults 'Console defaults (a daemon gets minimum healthy 50%)'
            cand --count-stopping-in-max 'Count tasks that are stopping toward maximumPercent, as older AWS documentation reads it (default: only tasks from PROVISIONING to RUNNING count)'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;scaling'= {
            cand --policy 'target-tracking, step or scheduled'
            cand --target 'Target value (target tracking) or alarm threshold (step)'
            cand --metric 'cpu, memory, requests or backlog (default cpu; backlog for sqs-backlog)'
            cand --load 'steady, spike, daily-wave or sqs-backlog'
            cand --launch-type 'fargate or ec2 (an Auto Scaling group capacity provider with managed scaling)'
            cand --instances 'Instances in the Auto Scaling group at the start (EC2; default 2)'
            cand --max-instances 'Auto Scaling group maximum size (EC2; default 10)'
            cand --target-capacity 'Managed scaling target capacity in percent (EC2; default 100)'
            cand --warmup-secs 'Instance warm-up in seconds (EC2; default 300)'
            cand --placement 'spread, binpack or random (EC2; default binpack)'
            cand --min 'Minimum task count (default 1)'
            cand --max 'Maximum task count (default 20)'
            cand --desired 'Desired count at the start (default 3)'
            cand --adjustment 'Step adjustment type: percent, change or exact'
            cand --action 'A scheduled action `EXPR;min=N;max=N` (repeatable), e.g. `cron(0/20 * * * ? *);min=5`'
            cand --deploy-at-minute 'Deploy a new revision at this minute'
            cand --cpu 'Task CPU units (default 512)'
            cand --memory 'Task memory in MiB (default 1024)'
            cand --os 'linux or windows'
            cand --minutes 'How many simulated minutes to run'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --termination-protection 'Managed termination protection (EC2)'
            cand --disable-scale-in 'Turn off the scale-in side of target tracking (or drop the step scale-in policy)'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;bluegreen'= {
            cand --codedeploy 'Deploy with AWS CodeDeploy using this deployment configuration, e.g. CodeDeployDefault.ECSCanary10Percent5Minutes (default: the ECS controller, all at once)'
            cand --desired 'Desired count'
            cand --bake-minutes 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set'
            cand --hook 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)'
            cand --hook-secs 'How long the hook runs'
            cand --health-check-secs 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)'
            cand --healthy-threshold 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)'
            cand --dereg-delay-secs 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)'
            cand --minutes 'Stop the run after this many simulated minutes if the deployment has not ended'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --no-test-traffic 'No test listener: production traffic moves without a test traffic stage'
            cand --hook-fails 'The hook reports failure (the deployment rolls back)'
            cand --failing-release 'The new revision trips the deployment alarm once it serves production traffic'
            cand --no-rollback 'Do not roll back when the alarm goes into ALARM'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;linear'= {
            cand --step-percent 'Percent of production traffic moved at each step (3.0 to 100.0)'
            cand --step-minutes 'Minutes between steps (the step bake time)'
            cand --desired 'Desired count'
            cand --bake-minutes 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set'
            cand --hook 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)'
            cand --hook-secs 'How long the hook runs'
            cand --health-check-secs 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)'
            cand --healthy-threshold 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)'
            cand --dereg-delay-secs 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)'
            cand --minutes 'Stop the run after this many simulated minutes if the deployment has not ended'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --no-test-traffic 'No test listener: production traffic moves without a test traffic stage'
            cand --hook-fails 'The hook reports failure (the deployment rolls back)'
            cand --failing-release 'The new revision trips the deployment alarm once it serves production traffic'
            cand --no-rollback 'Do not roll back when the alarm goes into ALARM'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;canary'= {
            cand --canary-percent 'Percent of production traffic in the canary step (0.1 to 100.0)'
            cand --canary-minutes 'Minutes before the rest moves (the canary bake time)'
            cand --desired 'Desired count'
            cand --bake-minutes 'Minutes both revisions run after production traffic moved: the ECS bake time, or CodeDeploy''s wait before it terminates the original task set'
            cand --hook 'A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic with CodeDeploy)'
            cand --hook-secs 'How long the hook runs'
            cand --health-check-secs 'The target group''s health check interval in seconds (default 30; a rolling update needs --lb)'
            cand --healthy-threshold 'The target group''s healthy threshold: consecutive checks passed before a target is healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb)'
            cand --dereg-delay-secs 'The target group''s deregistration delay in seconds: how long a deregistering target drains its in-flight requests before it is removed (default 300; a rolling update needs --lb)'
            cand --minutes 'Stop the run after this many simulated minutes if the deployment has not ended'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --no-test-traffic 'No test listener: production traffic moves without a test traffic stage'
            cand --hook-fails 'The hook reports failure (the deployment rolls back)'
            cand --failing-release 'The new revision trips the deployment alarm once it serves production traffic'
            cand --no-rollback 'Do not roll back when the alarm goes into ALARM'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;placement'= {
            cand --tasks 'Tasks to place (the new service''s desired count)'
            cand --instance 'A container instance, TYPE@AZ (m5.large@a, t3.medium@us-east-1b); repeat for each (default: an m5.large in each of us-east-1a, b and c, then a t3.medium in each)'
            cand --strategy 'A placement strategy, in order (repeat, up to 4): spread-az (the default), spread-instance, binpack-cpu, binpack-memory or random'
            cand --member-of 'A memberOf constraint, e.g. "attribute:ecs.instance-type =~ t3.*" or "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"'
            cand --cpu 'Task CPU units (default 512)'
            cand --memory 'Task memory in MiB (default 1024)'
            cand --minutes 'Stop the run after this many simulated minutes'
            cand --seed 'Random seed (load noise, placement ties)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --distinct-instance 'The distinctInstance constraint: each task on a different instance'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;card'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --json 'Print JSON instead of a timeline'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;sim;help'= {
            cand rolling 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
            cand scaling 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
            cand bluegreen 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
            cand linear 'A linear deployment (ECS): production traffic moves in equal steps'
            cand canary 'A canary deployment (ECS): a small share of production traffic first, then the rest'
            cand placement 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
            cand card 'The scenario a card names (its `sim = {…}`), played to its end'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;sim;help;rolling'= {
        }
        &'deckhand;sim;help;scaling'= {
        }
        &'deckhand;sim;help;bluegreen'= {
        }
        &'deckhand;sim;help;linear'= {
        }
        &'deckhand;sim;help;canary'= {
        }
        &'deckhand;sim;help;placement'= {
        }
        &'deckhand;sim;help;card'= {
        }
        &'deckhand;sim;help;help'= {
        }
        &'deckhand;paths'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;optimize'= {
            cand --pack 'Optimise only this pack (default: every pack with reviews, each on its own)'
            cand --min-reviews 'Minimum number of long-term reviews required'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --reschedule 'Also move due dates to where the fitted parameters put them (default: keep them)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;pack'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand new 'Start a pack: a folder with a commented pack.toml and a card of every kind'
            cand diff 'What changed between two releases of a pack: added, removed, changed, replaced cards'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;pack;new'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;pack;diff'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --json 'Print JSON instead of text'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;pack;help'= {
            cand new 'Start a pack: a folder with a commented pack.toml and a card of every kind'
            cand diff 'What changed between two releases of a pack: added, removed, changed, replaced cards'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;pack;help;new'= {
        }
        &'deckhand;pack;help;diff'= {
        }
        &'deckhand;pack;help;help'= {
        }
        &'deckhand;stats'= {
            cand --pack 'Only this pack (default: every pack)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --json 'Print JSON (the form is documented in README.md)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;plan'= {
            cand --exam 'The exam date, YYYY-MM-DD (stored for the pack; today or later)'
            cand --minutes-per-day 'Minutes a day you can study (0 removes the budget)'
            cand --target 'The share of cards to recall on the exam day: 0.5 to 0.99, or 50 to 99 (percent)'
            cand --pack 'The pack (default: the built-in pack)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --clear 'Remove the pack''s exam date and plan'
            cand --json 'Print JSON (the form is documented in README.md)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;exam'= {
            cand --pack 'Only this pack (default: every pack)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --history 'List the finished exams, oldest first, with their results per domain'
            cand --json 'Print JSON (the form is documented in README.md)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;import'= {
            cand --out 'Where to write the pack (default: <data dir>/packs/<pack id>, where the trainer loads it)'
            cand --pack-id 'The new pack''s id (default: made from the file''s name)'
            cand --topic 'Put every card in this topic (default: one topic per Anki deck)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --force 'Replace the output folder if it exists (progress is kept: it follows the card ids)'
            cand --with-progress 'Also import the package''s review history into your progress (FSRS states are replayed from it)'
            cand --progress 'FILE is a JSON export: restore its progress into this data directory'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;export'= {
            cand --anki 'Write an Anki package (.apkg) that Anki imports; notes keep the card ids as GUIDs, so exporting again updates the same notes'
            cand --tsv 'Write Anki''s text format (tab-separated, with its #headers)'
            cand --json 'Write JSON (to standard output when OUT is `-` or left out)'
            cand --pack 'Only this pack (repeatable; default: every pack the trainer loads)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand --with-progress 'With --anki: include your scheduling and review log'
            cand --progress 'With --json: include your progress (card states, review log, sessions, settings)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;completions'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;man'= {
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;__answer-loop'= {
            cand --pack 'Pack id to answer in'
            cand --count 'Number of answers to give'
            cand --items 'Number of distinct items (new ones keep coming, so the loop never runs dry)'
            cand --data-dir 'Where progress and user packs live (default: the platform data directory)'
            cand --config-dir 'Where config.toml lives (default: the platform config directory)'
            cand --color 'When to use colours (default: config.toml, else auto; auto honours NO_COLOR)'
            cand -v 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand --verbose 'Log more to the log file (`-v` debug, `-vv` trace); DECKHAND_LOG=FILTER wins'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'deckhand;help'= {
            cand check 'Validate content packs (the built-in one when no path is given)'
            cand cards 'Find cards by text, id, topic, tag, kind and state; --flagged lists learners'' flags'
            cand sim 'Simulate an ECS rolling update or service auto scaling, headless'
            cand paths 'Print where deckhand keeps progress, packs and config'
            cand optimize 'Fit FSRS parameters to your own review log and store them per pack'
            cand pack 'Tools for pack authors: what changed between two releases'
            cand stats 'Your statistics: today, reviews per day, retention, topics, streak, exams'
            cand plan 'Set the exam date of a pack and see the plan to it'
            cand exam 'The mock exams the packs offer, or (--history) how they went'
            cand import 'Import an Anki package or text file as a pack, or restore progress from a JSON export'
            cand export 'Export packs to Anki (.apkg), Anki''s text format or JSON'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff): deckhand(1), or a subcommand''s own page'
            cand __answer-loop 'Test helper: answer items in a loop, acknowledging each committed answer'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'deckhand;help;check'= {
        }
        &'deckhand;help;cards'= {
        }
        &'deckhand;help;sim'= {
            cand rolling 'A rolling update: old tasks replaced within minimum healthy / maximum percent'
            cand scaling 'Service auto scaling (and cluster auto scaling on EC2) under a load preset'
            cand bluegreen 'A blue/green deployment: green scales up beside blue, then takes the traffic at once (ECS), or as a CodeDeploy deployment configuration says'
            cand linear 'A linear deployment (ECS): production traffic moves in equal steps'
            cand canary 'A canary deployment (ECS): a small share of production traffic first, then the rest'
            cand placement 'Task placement: a new service''s tasks placed one by one on EC2 instances across AZs, each with the reasons it went where it went'
            cand card 'The scenario a card names (its `sim = {…}`), played to its end'
        }
        &'deckhand;help;sim;rolling'= {
        }
        &'deckhand;help;sim;scaling'= {
        }
        &'deckhand;help;sim;bluegreen'= {
        }
        &'deckhand;help;sim;linear'= {
        }
        &'deckhand;help;sim;canary'= {
        }
        &'deckhand;help;sim;placement'= {
        }
        &'deckhand;help;sim;card'= {
        }
        &'deckhand;help;paths'= {
        }
        &'deckhand;help;optimize'= {
        }
        &'deckhand;help;pack'= {
            cand new 'Start a pack: a folder with a commented pack.toml and a card of every kind'
            cand diff 'What changed between two releases of a pack: added, removed, changed, replaced cards'
        }
        &'deckhand;help;pack;new'= {
        }
        &'deckhand;help;pack;diff'= {
        }
        &'deckhand;help;stats'= {
        }
        &'deckhand;help;plan'= {
        }
        &'deckhand;help;exam'= {
        }
        &'deckhand;help;import'= {
        }
        &'deckhand;help;export'= {
        }
        &'deckhand;help;completions'= {
        }
        &'deckhand;help;man'= {
        }
        &'deckhand;help;__answer-loop'= {
        }
        &'deckhand;help;help'= {
        }
    ]
    $completions[$command]
}
