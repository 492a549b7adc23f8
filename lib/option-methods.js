// The option methods codec and filter contexts share, over the target's getOption(),
// setOption() and listOptionNames().
const Dictionary = require('./dictionary')

// Sets every option of a Dictionary (or a plain object).
exports.setOptionDictionary = function setOptionDictionary(target, dictionary, flags) {
  const entries =
    dictionary instanceof Dictionary ? dictionary.entries() : Object.entries(dictionary)
  for (const [name, value] of entries) target.setOption(name, value, flags)
}

// Every option's value, as strings (options that have no text form are left out).
exports.getOptions = function getOptions(target, flags) {
  const options = {}
  for (const name of target.listOptionNames(flags)) {
    try {
      const value = target.getOption(name, flags)
      if (value !== null) options[name] = value
    } catch {
      // binary and other options without a text form
    }
  }
  return options
}
