// Frame.SideData: side data of a frame (constants.frameSideDataType). See lib/side-data.js.
const binding = require('../binding')
const SideData = require('./side-data')
const internal = require('./internal')

module.exports = class FrameSideData extends SideData {
  static [internal.nameOf](type) {
    return binding.frameSideDataName(type)
  }
}
