# bash completion for monitor_service, test-alarm and simple-test.
# Installed by scripts/install.sh as /usr/share/bash-completion/completions/<command>.
# Process names are not completed: listing them would query the database.

_monitor_service_complete() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  case $prev in
    -c | --config)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
    -w | --wait)
      return
      ;;
  esac

  local command=${words[0]##*/} options subcommands='' word
  case $command in
    monitor_service)
      options='--config --check-config --once --version --help'
      subcommands='run status help'
      ;;
    test-alarm)
      options='--config --version --help'
      subcommands='list set set-all reset-all help'
      ;;
    simple-test)
      options='--config --wait --version --help'
      ;;
    *) return ;;
  esac
  # After a subcommand, only options.
  for word in "${words[@]:1:cword-1}"; do
    [[ " $subcommands " == *" $word "* ]] && subcommands=''
  done
  mapfile -t COMPREPLY < <(compgen -W "$options $subcommands" -- "$cur")
}

complete -F _monitor_service_complete monitor_service test-alarm simple-test
