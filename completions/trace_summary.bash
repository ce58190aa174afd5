# bash completion for trace_summary(1): options, their values, and files.
# Installed as share/bash-completion/completions/trace_summary; works without
# the bash-completion package too (source it from ~/.bashrc).
# tests/docs-options-test fails when these options and 'trace_summary --help'
# disagree.

_trace_summary() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD-1]}
  local opts="-h --help --version -v --verbose -t --show-trace --compat --skip-invalid
    --format --percentiles --merge --model --top --sort --timeline --timeline-limit
    --fail-if-empty -j --jobs --progress --no-progress --html --window"
  local listen_opts="-h --help --address --allow-remote --save --every --duration --format -t --show-trace
    --compat --model --max-body --max-connections --read-timeout --request-timeout"
  local subcommand=""
  [[ ${COMP_CWORD} -gt 1 ]] && subcommand=${COMP_WORDS[1]}

  # --option=value is one word for CLI11; bash splits it at '=' (COMP_WORDBREAKS).
  if [[ $cur == = ]]; then
    cur=""
  elif [[ $prev == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD-2]}
  fi

  case $prev in
    --compat)
      COMPREPLY=($(compgen -W "classic current" -- "$cur"))
      return ;;
    --format)
      COMPREPLY=($(compgen -W "text table json csv jsonl csv-requests" -- "$cur"))
      return ;;
    --percentiles)
      COMPREPLY=($(compgen -W "50,90,99 50,95,99,99.9" -- "$cur"))
      return ;;
    -j | --jobs)
      COMPREPLY=($(compgen -W "1 2 3 4" -- "$cur"))
      return ;;
    --sort)
      COMPREPLY=($(compgen -W "request http_infer http_receive http_send grpc_infer grpc_wait_read grpc_send
        handler handler_overhead queue compute compute_input compute_infer compute_output" -- "$cur"))
      return ;;
    --timeline-limit | --model | --top | --window)
      COMPREPLY=()
      return ;;
    --timeline | --html)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
  esac

  case $prev in
    --save)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --address | --every | --duration | --max-body | --max-connections | --read-timeout | --request-timeout)
      COMPREPLY=()
      return ;;
  esac

  if [[ $cur == -* ]]; then
    if [[ $subcommand == listen ]]; then
      COMPREPLY=($(compgen -W "$listen_opts" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    fi
    return
  fi
  [[ $subcommand == listen ]] && return
  if [[ ${COMP_CWORD} -eq 1 ]]; then
    # The subcommands, and the trace files.
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -W "compare listen" -- "$cur") $(compgen -f -- "$cur"))
    return
  fi
  # Trace files: any file ('-' is standard input), and directories to walk into.
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _trace_summary trace_summary
