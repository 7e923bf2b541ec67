package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GbkTextTest {
    @Test
    void plantedBytesAreGbkChineseThatIsNotUtf8AndHasNoCsvOrJsonSpecials() {
        Charset gbk = Charset.forName("GBK");
        Map<String, byte[]> texts = Map.of("上海", Gbk.SHANGHAI, "已支付", Gbk.PAID, "浏览", Gbk.BROWSE, "微信支付",
                Gbk.WECHAT_PAY, "李伟", Gbk.LI_WEI, "华美超市", Gbk.HUAMEI, "春季促销", Gbk.SPRING_SALE, "投诉",
                Gbk.COMPLAINT, "布艺沙发", Gbk.FABRIC_SOFA);
        for (Map.Entry<String, byte[]> e : texts.entrySet()) {
            assertArrayEquals(e.getKey().getBytes(gbk), e.getValue(), e.getKey());
            assertFalse(ContractSpec.isValidUtf8(e.getValue()), e.getKey() + " must not be valid UTF-8");
            for (byte b : e.getValue()) {
                assertTrue((b & 0xFF) >= 0x80, e.getKey() + ": every byte is >= 0x80");
            }
        }
        for (Entity en : Entity.values()) {
            assertTrue(texts.containsValue(en.gbkText), en + " uses one of the checked texts");
        }
    }
}
