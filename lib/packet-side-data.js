// Packet.SideData: side data of a packet (constants.packetSideDataType). See lib/side-data.js.
const binding = require('../binding')
const SideData = require('./side-data')
const internal = require('./internal')

module.exports = class PacketSideData extends SideData {
  static [internal.nameOf](type) {
    return binding.packetSideDataName(type)
  }
}
