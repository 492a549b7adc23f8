// A Promise for a native async operation, which reports through `done(error, value)`. Errors
// thrown while starting it (bad arguments, a busy context) reject the Promise too.
module.exports = function settle(start) {
  return new Promise((resolve, reject) => {
    start((err, value) => (err ? reject(err) : resolve(value)))
  })
}
